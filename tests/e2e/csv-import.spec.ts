import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expect, logInAs, test } from './fixtures/isolated-server';
import { SEED } from './support';

/**
 * The whole planner round trip on a server of its own: export the Russian roadmap, change a
 * status as one would in a spreadsheet, import the file back with a preview, apply, and find
 * the change in the history with the file named in its reason.
 */

test('a planner exports the roadmap, edits a status in the file, previews and applies the import', async ({ page }) => {
  await logInAs(page, 'anna');
  await page.goto('/?view=table');
  const table = page.getByTestId('milestone-table');
  const lithiumRow = table.locator('tbody tr').filter({ hasText: SEED.lithium2030 });
  await expect(lithiumRow.locator('td').nth(2)).toHaveText('Запланировано');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Экспорт CSV' }).click(),
  ]);
  const exported: string[][] = parse(await readFile(await download.path()), { delimiter: ';', bom: true });
  const [header, ...rows] = exported;
  const status = header!.indexOf('Статус');
  const lithium = rows.find((r) => r[2] === SEED.lithium2030)!;
  expect(lithium[status]).toBe('Запланировано');
  // What a spreadsheet saves after the planner typed the new status into the readable column.
  lithium[status] = 'Под угрозой';
  const edited = stringify([header!, ...rows], {
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
  });

  await page.getByRole('button', { name: 'Импорт CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Импорт вех из CSV' });
  await expect(dialog).toBeVisible();
  await dialog
    .getByLabel('Файл CSV')
    .setInputFiles({ name: 'roadmap.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
  await dialog.getByLabel('Причина изменения').fill('Сверка с протоколом совещания');
  await dialog.getByRole('radio', { name: 'Известный источник' }).check();
  await dialog.getByRole('combobox', { name: 'Источник' }).selectOption({ index: 1 });
  await dialog.getByLabel('Цитата (дословно)').fill('Сроки уточнены на совещании');

  await dialog.getByRole('button', { name: 'Проверить и показать изменения' }).click();
  const changes = dialog.getByTestId('csv-import-changes');
  await expect(changes.locator('tbody tr')).toHaveCount(1);
  await expect(changes.locator('tbody tr td')).toHaveText([
    String(rows.indexOf(lithium) + 2),
    new RegExp(SEED.lithium2030.slice(0, 30)),
    'Статус',
    'Запланировано',
    'Под угрозой',
  ]);
  await expect(dialog.getByText(/меняются вех: 1; без изменений: \d+; ошибок: 0/)).toBeVisible();
  // The preview wrote nothing.
  await expect(lithiumRow.locator('td').nth(2)).toHaveText('Запланировано');

  await dialog.getByRole('button', { name: 'Применить изменения' }).click();
  await expect(dialog.getByText('Изменено вех: 1. Изменения записаны в историю.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();
  await expect(lithiumRow.locator('td').nth(2)).toHaveText('Под угрозой');

  await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'История' }).click();
  const latest = page.getByTestId('history-table').locator('tbody tr').first();
  await expect(latest).toContainText(SEED.lithium2030);
  await expect(latest.locator('td').nth(3)).toHaveText('Статус');
  await expect(latest.locator('td').nth(4)).toHaveText('Запланировано');
  await expect(latest.locator('td').nth(5)).toHaveText('Под угрозой');
  await expect(latest.locator('td').nth(6)).toHaveText('Импорт из файла roadmap.csv: Сверка с протоколом совещания');
  await expect(latest.locator('td').nth(7)).toContainText('Сроки уточнены на совещании');
});

test('a reader sees the export but not the import', async ({ page }) => {
  await logInAs(page, 'vera');
  await page.goto('/?view=table');
  await expect(page.getByRole('link', { name: 'Экспорт CSV' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Импорт CSV' })).toHaveCount(0);
});
