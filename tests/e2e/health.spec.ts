import { expect, openTimeline, SEED, test, timelineItem, watchPage } from './support';

// Every test already fails on a console error, an uncaught exception or a failed request (see
// support.ts). This one walks through all the main screens in one page and is stricter: no
// request may fail at all, not even by being cancelled.
test('the main screens load without console errors, exceptions or failed requests', async ({ page }) => {
  const problems: string[] = [];
  const requests: string[] = [];
  watchPage(page, problems, { ignoreAborted: false });
  page.on('requestfinished', (request) => requests.push(request.url()));

  await openTimeline(page);
  await expect(page.getByTestId('undated-list').getByRole('listitem').first()).toBeVisible();
  await timelineItem(page, SEED.lithium2030).hover();
  await expect(page.locator('.vis-tooltip')).toBeVisible();
  for (const zoom of ['Десятилетие', 'Год', 'Квартал', 'Месяц', 'Сегодня', 'Всё']) {
    await page.getByRole('button', { name: zoom, exact: true }).click();
  }
  await page.getByRole('radio', { name: 'по участникам' }).check();
  await expect(timelineItem(page, SEED.shoiguMeeting).first()).toBeVisible();
  await timelineItem(page, SEED.lithium2030).click();
  await expect(page.getByTestId('milestone-details').getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
  await page.keyboard.press('Escape');

  const tabs = page.getByRole('navigation', { name: 'Вид' });
  await tabs.getByRole('button', { name: 'Таблица' }).click();
  await expect(page.getByTestId('milestone-table').locator('tbody tr').first()).toBeVisible();
  await page.getByRole('columnheader', { name: 'Статус' }).getByRole('button').click();
  await tabs.getByRole('button', { name: 'Источники' }).click();
  await expect(page.getByTestId('source-table').getByRole('cell', { name: 'Интерфакс' })).toBeVisible();
  await tabs.getByRole('button', { name: 'Участники' }).click();
  await expect(page.getByTestId('participant-table')).toContainText('Институт «Гиредмет»');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('participant-table')).toContainText('Giredmet Institute');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click();
  await expect(timelineItem(page, SEED.lithium2030En)).toBeVisible();

  expect(problems).toEqual([]);
  // The page really talked to the API: the check above is not vacuous.
  expect(requests.some((url) => url.includes('/trpc/'))).toBe(true);
});
