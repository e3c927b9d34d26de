import { expect, logInAs, test } from './fixtures/isolated-server';

/**
 * An import with thousands of errors: the dialog lists the first ones the server sent and says
 * how many more there are, and the summary counts them all.
 */

test('a file with 600 bad rows shows the first 100 errors and how many more there are', async ({ page }) => {
  await logInAs(page, 'anna');
  await page.goto('/?view=table');
  // 600 rows, each with a bad id and a bad version: 1,200 errors.
  const csv = `id;version;title\r\n${Array.from({ length: 600 }, (_, i) => `x${i};y;Название`).join('\r\n')}\r\n`;

  await page.getByRole('button', { name: 'Импорт CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Импорт вех из CSV' });
  await dialog
    .getByLabel('Файл CSV')
    .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByRole('button', { name: 'Проверить и показать изменения' }).click();

  await expect(dialog.getByTestId('csv-import-errors').locator('tbody tr')).toHaveCount(100);
  await expect(dialog.getByText(/Строк в файле: 600; меняются вех: 0; без изменений: 0; ошибок: 1200/)).toBeVisible();
  await expect(dialog.getByTestId('csv-import-more-errors')).toHaveText(
    'И ещё ошибок, не показанных здесь: 1100. Исправьте показанные и проверьте файл снова.',
  );
  await expect(dialog.getByRole('button', { name: 'Применить изменения' })).toBeDisabled();
});
