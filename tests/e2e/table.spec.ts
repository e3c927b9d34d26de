import type { Locator, Page } from '@playwright/test';
import { expect, listMilestones, milestoneId, openTimeline, SEED, test, timelineItems } from './support';

function table(page: Page): Locator {
  return page.getByRole('table', { name: 'Вехи дорожной карты' });
}

function bodyRows(page: Page): Locator {
  return table(page).locator('tbody tr');
}

async function rowTitles(page: Page): Promise<string[]> {
  return (await bodyRows(page).locator('th[scope=row]').allTextContents()).map((t) => t.trim());
}

function header(page: Page, name: string): Locator {
  return table(page).getByRole('columnheader', { name, exact: true });
}

test.describe('table', () => {
  test('lists the same milestones as the timeline and the API', async ({ page, request }) => {
    const all = await listMilestones(request);
    await openTimeline(page);
    await expect(page.getByText(`Показано вех: ${all.length}`)).toBeVisible();
    const onChart = await timelineItems(page).count();
    const undated = await page.getByTestId('undated-list').getByRole('listitem').count();
    expect(onChart + undated).toBe(all.length);

    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Таблица' }).click();
    await expect(page).toHaveURL(/[?&]view=table\b/);
    await expect(bodyRows(page)).toHaveCount(all.length);
    await expect(page.getByText(`Показано вех: ${all.length}`)).toBeVisible();
    expect([...(await rowTitles(page))].sort()).toEqual(all.map((m) => m.title).sort());
    // On a desktop the table fits: no word about scrolling it, no shadow on its edges.
    await expect(page.getByText('Таблица шире экрана: листайте её вбок')).toHaveCount(0);
    await expect(page.getByTestId('table-scroll')).not.toHaveClass(/more-(left|right)/);

    // Each row says its workstream, status and date as the details would.
    const lithium = bodyRows(page).filter({ hasText: SEED.lithium2030 });
    await expect(lithium.locator('td')).toHaveText([
      SEED.energyStorage,
      '',
      'Запланировано',
      '2030',
      'не расходятся',
      'низкая: 1 независимый источник; только мнение автора колонки; заявление без даты',
      '',
    ]);
    const meeting = bodyRows(page).filter({ hasText: SEED.shoiguMeeting });
    await expect(meeting.locator('td').nth(3)).toHaveText('6 ноября 2025 г.');
    const patrushev = bodyRows(page).filter({ hasText: SEED.patrushev });
    await expect(patrushev.locator('td').nth(3)).toHaveText('Без даты');
  });

  test('is a captioned table with column headers that say how they are sorted', async ({ page }) => {
    await page.goto('/?view=table');
    await expect(table(page)).toBeVisible();
    await expect(table(page).locator('caption')).toHaveText('Вехи дорожной карты');
    const headers = table(page).locator('thead th');
    await expect(headers).toHaveText([
      'Веха',
      'Направление',
      'Регион',
      'Статус',
      'Срок ▲',
      'Источники',
      'Уверенность',
      'Участники',
    ]);
    for (const th of await headers.all()) {
      await expect(th).toHaveAttribute('scope', 'col');
      await expect(th).toHaveAttribute('aria-sort', /^(none|ascending|descending)$/);
    }
    // Sorted by date, earliest first, undated last.
    await expect(header(page, 'Срок')).toHaveAttribute('aria-sort', 'ascending');
    await expect(header(page, 'Веха')).toHaveAttribute('aria-sort', 'none');
    await expect(bodyRows(page).first().locator('th')).toHaveText(SEED.clusterInitiative);
    // Row headers name each row.
    await expect(table(page).getByRole('rowheader', { name: SEED.lithium2030 })).toHaveCount(1);
  });

  test('clicking a column header sorts by it and a second click reverses the order', async ({ page, request }) => {
    const titles = (await listMilestones(request)).map((m) => m.title);
    const byTitle = [...titles].sort(new Intl.Collator('ru', { numeric: true, sensitivity: 'base' }).compare);
    await page.goto('/?view=table');
    await expect(bodyRows(page)).toHaveCount(titles.length);
    const byDate = await rowTitles(page);

    await header(page, 'Веха').getByRole('button').click();
    await expect(header(page, 'Веха')).toHaveAttribute('aria-sort', 'ascending');
    await expect(header(page, 'Срок')).toHaveAttribute('aria-sort', 'none');
    await expect.poll(() => rowTitles(page)).toEqual(byTitle);
    expect(byTitle).not.toEqual(byDate);

    await header(page, 'Веха').getByRole('button').click();
    await expect(header(page, 'Веха')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => rowTitles(page)).toEqual([...byTitle].reverse());

    await header(page, 'Срок').getByRole('button').click();
    await expect(header(page, 'Срок')).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => rowTitles(page)).toEqual(byDate);
  });

  test('keyboard: Tab reaches a row title and Enter opens the same details panel', async ({ page, request }) => {
    await page.goto('/?view=table');
    await expect(bodyRows(page).first()).toBeVisible();
    const [first, second] = await rowTitles(page);
    const secondId = await milestoneId(request, second!);

    // From the last column header, Tab goes to the first row's title, then to the second's.
    await header(page, 'Участники').getByRole('button').focus();
    await page.keyboard.press('Tab');
    await expect(table(page).getByRole('button', { name: first, exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(table(page).getByRole('button', { name: second, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    const details = page.getByTestId('milestone-details');
    const heading = details.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(second!);
    await expect(heading).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`[?&]m=${secondId}(&|$)`));
    await expect(page).toHaveURL(/[?&]view=table\b/);
    await expect(bodyRows(page).filter({ hasText: second! })).toHaveAttribute('data-selected', 'true');

    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
  });
});
