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

const UNREADABLE = 'Дата введена не полностью, или такой даты нет в календаре';

/** Two parts of a date typed, the third left empty: the field reads '' though it is not empty. */
async function typeHalfDate(page: Page, field: Locator) {
  await field.focus();
  await page.keyboard.type('1503');
  await expect(field).toHaveValue('');
  expect(await field.evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
}

test('the CSV import names a new source date left unfinished and sends nothing', async ({ page }) => {
  await logInAs(page, 'anna');
  await page.goto('/?view=table');
  const exported = await page.request.get('/api/export/milestones.csv');
  expect(exported.ok()).toBe(true);
  let sent = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/import/')) sent += 1;
  });
  await page.getByRole('button', { name: 'Импорт CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Импорт вех из CSV' });
  await dialog
    .getByLabel('Файл CSV')
    .setInputFiles({ name: 'roadmap.csv', mimeType: 'text/csv', buffer: await exported.body() });
  await dialog.getByLabel('Причина изменения').fill('Сверка с протоколом совещания');
  await dialog.getByRole('radio', { name: 'Новый источник' }).check();
  await typeHalfDate(page, dialog.getByLabel('Дата публикации'));

  await dialog.getByRole('button', { name: 'Проверить и показать изменения' }).click();
  await expect(dialog.getByText(UNREADABLE)).toBeVisible();
  expect(sent).toBe(0);
});

/** Fictional, in the style of a news agency: moves the AI computing centre from 2032 to 2033. */
const AI_ARTICLE = [
  'Вычислительный центр ИИ в Красноярске запустят позже',
  '',
  'КРАСНОЯРСК, 3 апреля. /ТАСС/. Запуск вычислительного центра искусственного интеллекта перенесён с 2032 на 2033 год, сообщили в правительстве Красноярского края.',
].join('\n');

async function reviewArticle(page: Page) {
  await logInAs(page, 'anna');
  await page.goto('/?view=intake');
  await page.getByLabel('Текст статьи', { exact: true }).fill(AI_ARTICLE);
  await page.getByRole('button', { name: 'Разобрать статью' }).click();
  await expect(page.getByTestId('proposal-counts')).toBeVisible();
}

test('the intake names a publication date left unfinished instead of writing the source undated', async ({ page }) => {
  await reviewArticle(page);
  const source = page.getByTestId('intake-source');
  const published = source.getByLabel('Дата публикации');
  await expect(published).not.toHaveValue('');
  // One part erased: the field reads '' as if the source had no date.
  await published.focus();
  await page.keyboard.press('Backspace');
  await expect(published).toHaveValue('');
  await page.getByLabel('Причина изменения', { exact: false }).fill('Сообщение ТАСС о сроке центра');
  await page.getByRole('button', { name: 'Применить', exact: true }).click();
  await expect(source.getByText(UNREADABLE)).toBeVisible();
  await expect(source.getByText('Без даты: источник останется недатированным')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Another field corrected leaves the message; the date typed whole takes it away.
  await source.getByLabel('Издатель').pressSequentially(' ');
  await expect(source.getByText(UNREADABLE)).toBeVisible();
  await typeDate(page, published, { day: '03', month: '04', year: '2026' });
  await expect(published).toHaveValue('2026-04-03');
  await expect(source.getByText(UNREADABLE)).toHaveCount(0);
});

test("a proposal's date is typed like the milestone's: a year digit by digit, and a date left unfinished is named", async ({
  page,
}) => {
  await reviewArticle(page);
  const proposal = page.getByTestId('proposal').and(page.locator('[data-kind="date"]'));
  await expect(proposal).toHaveCount(1);
  await proposal.getByRole('button', { name: 'Изменить' }).click();
  const editor = proposal.getByRole('form', { name: 'Изменение предложения' });
  await editor.getByLabel('Точность').selectOption('month');
  const anchor = editor.locator('input[name=anchor]');
  await typeDate(page, anchor, { day: '15', month: '03', year: '2034' });
  await expect(anchor).toHaveValue('2034-03-15');
  await expect(editor.getByTestId('planned-preview')).toHaveText('март 2034 г. (2034-03-01 … 2034-03-31)');

  // One part erased, then Enter, which submits without leaving the field: named, not accepted.
  await anchor.focus();
  await page.keyboard.press('Backspace');
  await expect(anchor).toHaveValue('');
  await page.keyboard.press('Enter');
  await expect(editor.getByText(UNREADABLE)).toBeVisible();
  // Left instead, the field shows the period it still stands for, and that is what is accepted.
  await editor.getByLabel('Точность').focus();
  await expect(anchor).toHaveValue('2034-03-01');
  await editor.getByRole('button', { name: 'Принять с изменениями' }).click();
  await expect(proposal.getByRole('heading', { level: 4 })).toContainText('март 2034 г.');
});

test('a field the planner corrects loses its message; the others keep theirs until the next save', async ({ page }) => {
  await logInAs(page, 'anna');
  await page.goto(`/?m=${await milestoneId(page.request, SEED.lithium2030)}`);
  const details = page.getByTestId('milestone-details');
  await details.getByRole('button', { name: 'Добавить утверждение источника' }).click();
  const form = page.getByRole('form', { name: 'Добавить утверждение источника' });
  await form.getByRole('button', { name: 'Добавить утверждение' }).click();
  const messages = form.locator('.field-error');
  const reasonMessage = form.getByText('Укажите причину изменения (не короче 3 символов)');
  const quoteMessage = form.getByText('Приведите цитату из источника', { exact: true });
  await expect(reasonMessage).toBeVisible();
  await expect(quoteMessage).toBeVisible();
  const shown = await messages.count();

  await form.getByLabel('Причина изменения').pressSequentially('Со');
  await expect(reasonMessage).toHaveCount(0);
  await expect(quoteMessage).toBeVisible();
  await expect(messages).toHaveCount(shown - 1);
  await form.getByLabel('Цитата (дословно)').pressSequentially('Запуск');
  await expect(quoteMessage).toHaveCount(0);
  await expect(messages).toHaveCount(shown - 2);
});
