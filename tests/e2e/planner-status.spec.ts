import type { Locator, Page } from '@playwright/test';
import { expect, logInAs, test } from './fixtures/isolated-server';
import { milestoneId, SEED, timelineItem, timelineItems, watchPage } from './support';

const CITATION_REQUIRED = 'Изменение статуса или срока требует источника с цитатой';

/** The colours an item is drawn with (an approximate range is a gradient, so the image counts too). */
function itemColours(item: Locator): Promise<string> {
  return item.evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.backgroundColor, style.backgroundImage, style.borderTopColor].join(' | ');
  });
}

function editForm(page: Page): Locator {
  return page.getByRole('form', { name: 'Изменение вехи' });
}

/** Picks a seeded source in the citation picker by (part of) its title. */
async function chooseSource(form: Locator, title: string): Promise<void> {
  const select = form.locator('select[name=sourceId]');
  const value = await select.locator('option', { hasText: title }).getAttribute('value');
  if (!value) throw new Error(`source not offered: ${title}`);
  await select.selectOption(value);
}

test.describe('planner changes a status', () => {
  test('a status change needs a source; saved, it shows in the details, on the chart and in the history', async ({
    page,
  }) => {
    const reason = 'Поставки оборудования для завода задерживаются';
    const quote = 'К кластеру привлекут партнёров из дружественных стран';
    const updates: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('milestone.update')) updates.push(r.url());
    });

    await logInAs(page, 'anna');
    await page.goto('/');
    const item = timelineItem(page, SEED.lithium2030);
    await expect(item).toHaveClass(/\bstatus-planned\b/);
    const coloursBefore = await itemColours(item);

    await item.click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
    await expect(details.locator('.status-badge')).toHaveText('Запланировано');
    await details.getByRole('button', { name: 'Изменить' }).click();
    const form = editForm(page);
    await expect(form).toBeVisible();
    await expect(form.locator('select[name=status]')).toHaveValue('planned');
    await form.getByLabel('Статус').selectOption('at_risk');
    await form.getByLabel('Причина изменения').fill(reason);

    // Without a source the form refuses, and nothing goes to the server.
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect(form.getByText(CITATION_REQUIRED)).toBeVisible();
    await expect(form).toBeVisible();
    expect(updates).toEqual([]);
    const stored = await page.request.get('/trpc/milestone.list?input=%7B%7D');
    const list = ((await stored.json()) as { result: { data: { title: string; status: string }[] } }).result.data;
    expect(list.find((m) => m.title === SEED.lithium2030)?.status).toBe('planned');

    await form.getByRole('radio', { name: 'Известный источник' }).check();
    await chooseSource(form, SEED.interfaxTitle);
    await form.getByLabel('Цитата (дословно)').fill(quote);
    const response = page.waitForResponse((r) => r.url().includes('milestone.update'));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    expect((await response).ok()).toBe(true);

    await expect(form).toHaveCount(0);
    await expect(details.locator('.status-badge')).toHaveText('Под угрозой');
    await expect(item).toHaveClass(/\bstatus-at_risk\b/);
    await expect(item).not.toHaveClass(/\bstatus-planned\b/);
    await expect.poll(() => itemColours(item)).not.toBe(coloursBefore);

    // The details list the change with who made it and why.
    const ownHistory = details.getByTestId('milestone-history').getByRole('listitem').filter({ hasText: reason });
    await expect(ownHistory).toHaveCount(1);
    await expect(ownHistory).toContainText('Анна Плановик');
    // The field by its name in the interface, not its key in the API.
    await expect(ownHistory).toContainText('· Статус');

    // The history screen: field, from, to, reason and the source with its quote.
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'История' }).click();
    const row = page.getByTestId('history-table').getByRole('row').filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    const cells = row.getByRole('cell');
    const column = async (name: string) => {
      const headers = (await page.getByTestId('history-table').getByRole('columnheader').allTextContents()).map((t) =>
        t.trim(),
      );
      const index = headers.indexOf(name);
      if (index < 0) throw new Error(`no column ${name}: ${headers.join(', ')}`);
      return cells.nth(index);
    };
    await expect(await column('Кто')).toHaveText('Анна Плановик');
    await expect(await column('Веха')).toHaveText(SEED.lithium2030);
    await expect(await column('Поле')).toHaveText('Статус');
    await expect(await column('Было')).toHaveText('Запланировано');
    await expect(await column('Стало')).toHaveText('Под угрозой');
    await expect(await column('Причина')).toHaveText(reason);
    await expect(await column('Источник')).toContainText(`Интерфакс, ${SEED.interfaxTitle}`);
    await expect(await column('Источник')).toContainText(`«${quote}»`);
  });

  test('a saved change reaches another open screen within 2 seconds, without a reload', async ({
    page,
    browser,
    server,
  }) => {
    const id = await milestoneId(page.request, SEED.chemPlant2028);

    // Someone not logged in watches the chart and the table.
    const watcher = await browser.newContext({ baseURL: server.baseURL });
    const chart = await watcher.newPage();
    const table = await watcher.newPage();
    const watcherProblems: string[] = [];
    for (const p of [chart, table]) watchPage(p, watcherProblems, { ignoreAborted: true });
    const subscribed = (p: Page) => p.waitForResponse((r) => r.url().includes('milestone.onChange'));
    const chartSubscribed = subscribed(chart);
    const tableSubscribed = subscribed(table);
    await chart.goto('/');
    await table.goto('/?view=table');
    await Promise.all([chartSubscribed, tableSubscribed]);
    const watchedItem = timelineItem(chart, SEED.chemPlant2028);
    await expect(watchedItem).toHaveClass(/\bstatus-planned\b/);
    const watchedRow = table.locator(`tr[data-milestone-id="${id}"]`);
    await expect(watchedRow.locator('.status-badge')).toHaveText('Запланировано');
    // A marker that a reload would wipe.
    for (const p of [chart, table]) await p.evaluate(() => Object.assign(window, { notReloaded: true }));

    await logInAs(page, 'anna');
    await page.goto(`/?m=${id}`);
    await expect(timelineItems(page).first()).toBeVisible();
    const details = page.getByTestId('milestone-details');
    await details.getByRole('button', { name: 'Изменить' }).click();
    const form = editForm(page);
    await form.getByLabel('Статус').selectOption('delayed');
    await form.getByLabel('Причина изменения').fill('Срок ввода завода перенесён инвестором');
    await form.getByRole('radio', { name: 'Известный источник' }).check();
    await chooseSource(form, SEED.tassTitle);
    await form.getByLabel('Цитата (дословно)').fill('Связанные с РЗМ производства надо размещать внутри РФ');
    const response = page.waitForResponse((r) => r.url().includes('milestone.update'));
    await form.getByRole('button', { name: 'Сохранить' }).click();
    expect((await response).ok()).toBe(true);
    const savedAt = Date.now();

    await Promise.all([
      expect(watchedItem).toHaveClass(/\bstatus-delayed\b/, { timeout: 2_000 }),
      expect(watchedRow.locator('.status-badge')).toHaveText('Отложено', { timeout: 2_000 }),
    ]);
    expect(Date.now() - savedAt).toBeLessThan(2_000);
    for (const p of [chart, table]) {
      expect(await p.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
    expect(watcherProblems).toEqual([]);
    await watcher.close();
  });
});
