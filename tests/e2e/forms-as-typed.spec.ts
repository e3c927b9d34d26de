import type { Locator, Page } from '@playwright/test';
import { expect, logInAs, test } from './fixtures/isolated-server';
import { milestoneId, SEED } from './support';

/**
 * Forms as a planner types into them, keys rather than `fill`: a date left unfinished is named
 * and never clears the date it replaced; a year typed digit by digit is that year; what
 * history keeps of a source's claim reads as words; a long source title does not push the form
 * out of its panel.
 */

const LIVE_LINE = 'Прямая линия: заинтересовать компании в инвестициях в кластер и оказать им господдержку';

async function openEditForm(page: Page, title: string) {
  await logInAs(page, 'anna');
  await page.goto(`/?m=${await milestoneId(page.request, title)}`);
  const details = page.getByTestId('milestone-details');
  // The save confirmation's live region is there before any save, and draws nothing while empty.
  await expect(details.getByTestId('save-status')).toBeEmpty();
  expect((await details.getByTestId('save-status').boundingBox())?.height).toBe(0);
  await details.getByRole('button', { name: 'Изменить' }).click();
  return { details, form: page.getByRole('form', { name: 'Изменение вехи' }) };
}

/**
 * Types a date into a date field from its first part, as a person would. The parts' order is the
 * browser's (headless Chromium: month, day, year, whatever the page's locale), so it is read off
 * a probe field first.
 */
async function typeDate(page: Page, field: Locator, date: { day: string; month: string; year: string }) {
  const probe = await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'date';
    input.id = 'date-order-probe';
    document.body.append(input);
    return input.id;
  });
  await page.locator(`#${probe}`).focus();
  await page.keyboard.type('01022003');
  const read = await page.locator(`#${probe}`).inputValue();
  await page.locator(`#${probe}`).evaluate((input) => input.remove());
  const monthFirst = read === '2003-01-02';
  await field.focus();
  await page.keyboard.type(monthFirst ? date.month + date.day + date.year : date.day + date.month + date.year);
}

test('an actual date left unfinished is named on save and the date it replaced is kept', async ({ page }) => {
  const { details, form } = await openEditForm(page, LIVE_LINE);
  const actual = form.locator('input[name=actualDate]');
  await expect(actual).toHaveValue('2025-12-19');
  // The participants' and sources' lists name whole titles; the form stays inside its panel.
  const widths = await details.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
  let saves = 0;
  page.on('request', (request) => {
    if (request.url().includes('milestone.update')) saves += 1;
  });

  // One part erased: the field now reads '' as if empty, though the planner cleared nothing.
  await actual.focus();
  await page.keyboard.press('Backspace');
  await expect(actual).toHaveValue('');
  await form.getByLabel('Причина изменения').fill('Уточнена дата');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByText('Дата введена не полностью, или такой даты нет в календаре')).toBeVisible();
  await expect(form).toBeVisible();
  expect(saves).toBe(0);

  await form.getByRole('button', { name: 'Отмена' }).click();
  await expect(details.getByText('19 декабря 2025 г.').first()).toBeVisible();
});

test('a year typed digit by digit into the period field is that year', async ({ page }) => {
  const { form } = await openEditForm(page, SEED.lithium2030);
  await form.locator('select[name=plannedPrecision]').selectOption('month');
  const anchor = form.locator('input[name=plannedAnchor]');
  await typeDate(page, anchor, { day: '15', month: '03', year: '2031' });
  await expect(anchor).toHaveValue('2031-03-15');
  await expect(form.getByTestId('planned-preview')).toHaveText('март 2031 г. (2031-03-01 … 2031-03-31)');
  // Leaving the field keeps the day typed: it is inside the period it stands for.
  await form.getByLabel('Причина изменения').focus();
  await expect(anchor).toHaveValue('2031-03-15');
});

test('history reads a source claim and its rank as words, and the claim form stays inside its panel', async ({
  page,
}) => {
  await logInAs(page, 'anna');
  const id = await milestoneId(page.request, SEED.lithium2030);
  await page.goto(`/?m=${id}`);
  const details = page.getByTestId('milestone-details');
  await details.getByRole('button', { name: 'Добавить утверждение источника' }).click();
  const claimForm = page.getByRole('form', { name: 'Добавить утверждение источника' });
  await expect(claimForm).toBeVisible();
  // The source list names whole titles; the form is no wider than the panel it is in.
  const widths = await details.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);

  const read = await page.request.get(`/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  const { version } = ((await read.json()) as { result: { data: { version: number } } }).result.data;
  const added = await page.request.post('/trpc/claim.add', {
    data: {
      milestoneId: id,
      version,
      reason: 'Агентство называет 2031 год',
      citation: {
        newSource: {
          title: 'Сообщение о сроке',
          publisher: 'Агентство',
          publishedOn: '2025-11-07',
          kind: 'news_agency',
        },
        quote: 'Запуск намечен примерно на 2031 год.',
      },
      planned: { start: '2031-01-01', end: '2031-12-31', precision: 'year', qualifier: 'approximate' },
    },
  });
  expect(added.ok(), await added.text()).toBe(true);
  const claim = ((await added.json()) as { result: { data: { id: number; version: number } } }).result.data;
  const ranked = await page.request.post('/trpc/claim.setRank', {
    data: { milestoneId: id, version: claim.version, claimId: claim.id, rank: 'current', reason: 'Принят 2031' },
  });
  expect(ranked.ok(), await ranked.text()).toBe(true);

  await page.goto('/?view=history');
  const table = page.getByRole('table');
  await expect(table).toContainText('около 2031; сказано 7 ноября 2025 г.');
  await expect(table).toContainText('текущее');
  await expect(table).not.toContainText('"kind"');
  await expect(table.getByRole('cell', { name: 'current', exact: true })).toHaveCount(0);
  // The new source's own row says what was created, in Russian and in its gender.
  const sourceRow = table
    .getByRole('row')
    .filter({ hasText: 'Агентство называет 2031 год' })
    .filter({
      has: page.getByRole('cell', { name: 'Источник', exact: true }),
    });
  await expect(sourceRow.getByRole('cell', { name: 'создан', exact: true })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'source', exact: true })).toHaveCount(0);
});
