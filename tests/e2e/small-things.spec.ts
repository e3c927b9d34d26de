import { expect, logInAs, test } from './fixtures/isolated-server';
import { axisTexts, SEED, timelineItem } from './support';

/** Small things a new user met: each is what the user sees, read from the page. */

test('a source’s “(Вехи: N)” opens exactly those N milestones', async ({ page }) => {
  await page.goto('/?view=sources');
  const link = page
    .getByTestId('source-table')
    .getByRole('button', { name: /\(Вехи: \d+\)/ })
    .first();
  const count = Number(((await link.textContent()) ?? '').match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/[?&]view=table(&|$)/);
  await expect(page).toHaveURL(/[?&]ids=\d+/);
  await expect(page.getByTestId('milestone-table').locator('tbody tr[data-milestone-id]')).toHaveCount(count);
});

test('the timeline’s tooltip speaks in the page’s font', async ({ page }) => {
  await page.goto('/');
  const item = timelineItem(page, SEED.lithium2030);
  await item.hover();
  const tooltip = page.locator('div.vis-tooltip');
  await expect(tooltip).toBeVisible();
  const [tip, body] = await Promise.all([
    tooltip.evaluate((el) => getComputedStyle(el).fontFamily),
    page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily),
  ]);
  expect(tip).toBe(body);
  expect(tip).not.toMatch(/verdana/i);
});

test('the CSV import says a check comes first, and its Apply looks and reads as unavailable', async ({ page }) => {
  await logInAs(page, 'anna');
  await page.goto('/?view=table');
  await page.getByRole('button', { name: 'Импорт CSV', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const apply = dialog.getByRole('button', { name: 'Применить изменения' });
  await expect(apply).toHaveAttribute('aria-disabled', 'true');
  await expect(apply).toHaveAccessibleDescription(/Сначала проверка/);
  await expect(dialog.getByText(/Сначала проверка: «Применить изменения» станет доступно/)).toBeVisible();
  const opacity = Number(await apply.evaluate((el) => getComputedStyle(el).opacity));
  expect(opacity).toBeLessThan(0.8);
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/import/')) posted = true;
  });
  // Still in the tab order (it says why it waits), yet pressing it sends nothing.
  await apply.focus();
  await expect(apply).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  expect(posted).toBe(false);
});

test('the dependency picker says “нет” when a milestone depends on none, and a save says it is saved', async ({
  page,
  request,
}) => {
  await logInAs(page, 'anna');
  const list = await request.get(`/trpc/milestone.list?input=${encodeURIComponent('{}')}`);
  const milestones = ((await list.json()) as { result: { data: { id: number; title: string }[] } }).result.data;
  const target = milestones.find((m) => m.title === SEED.lithium2030);
  if (!target) throw new Error('seeded milestone missing');
  const details = await request.get(
    `/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id: target.id }))}`,
  );
  const predecessors = ((await details.json()) as { result: { data: { predecessorIds?: number[] } } }).result.data
    .predecessorIds;
  expect(predecessors ?? []).toEqual([]);

  await page.goto(`/?m=${target.id}`);
  const panel = page.getByTestId('milestone-details');
  await panel.getByRole('button', { name: 'Изменить', exact: true }).click();
  const form = page.getByRole('form', { name: 'Изменение вехи' });
  await expect(form.locator('.checkbox-menu summary', { hasText: 'Не может завершиться раньше' })).toContainText(
    ': нет',
  );
  await form.locator('[name=site]').fill('Кызыл, промплощадка');
  await form.locator('[name=reason]').fill('Уточнена площадка');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form).toHaveCount(0);
  await expect(panel.getByRole('status').filter({ hasText: 'Изменения сохранены' })).toBeVisible();
  // Opening the form again takes the confirmation away: it was about the last save.
  await panel.getByRole('button', { name: 'Изменить', exact: true }).click();
  await expect(panel.getByText('Изменения сохранены')).toHaveCount(0);
});

test('language, zoom and the table’s order go into the link, and the link brings them back', async ({
  page,
  browser,
  server,
}) => {
  // The table's order.
  await page.goto('/?view=table');
  const table = page.getByTestId('milestone-table');
  await table.getByRole('button', { name: /^Веха/ }).first().click();
  await table.getByRole('button', { name: /^Веха/ }).first().click();
  await expect(page).toHaveURL(/[?&]sort=-title(&|$)/);
  const titleHeader = table.locator('th[aria-sort]').filter({ hasText: 'Веха' }).first();
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending');

  // The zoom.
  await page.goto('/');
  await expect(async () => expect(await axisTexts(page)).toContainEqual(expect.stringMatching(/^20\d\d$/))).toPass();
  await page.locator('button[data-zoom=month]').click();
  await expect(page).toHaveURL(/[?&]zoom=month(&|$)/);

  // The language.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
  const shared = page.url();

  // Someone else opens the link: a fresh browser, nothing stored, sees what was shared.
  const other = await browser.newContext({ baseURL: server.baseURL, locale: 'ru-RU' });
  const reader = await other.newPage();
  await reader.goto(shared);
  await expect(reader.getByRole('navigation', { name: 'View' })).toBeVisible();
  // A month's window: the axis names days or weeks, not years.
  await expect(async () => {
    const labels = await axisTexts(reader);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => /^20\d\d$/.test(l))).toBe(false);
  }).toPass();
  await reader.goto(`/?view=table&sort=-title&lang=en`);
  await expect(
    reader.getByTestId('milestone-table').locator('th[aria-sort=descending]').filter({ hasText: 'Milestone' }),
  ).toHaveCount(1);
  await other.close();
});
