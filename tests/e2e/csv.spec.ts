import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expect, listMilestones, openTimeline, test } from './support';

/**
 * The "Экспорт CSV" links of the timeline, the table and the history, clicked as a reader
 * would: the browser downloads a dated file that starts with the UTF-8 BOM and the header in
 * the screen's language, and holds the rows of the filtered view. Read-only: the shared
 * server's data is not changed here.
 */

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const RUSSIAN_HEADER =
  'ID вехи;Версия;Название;Название (англ.);Направление;Регион;Код статуса;Статус;Плановое начало;Плановое окончание;Точность;Срок;Фактическая дата;Участники и роли;Зависит от;Источники и цитаты;Источники расходятся;Уверенность в сроке;Почему такая уверенность\r\n';

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

function records(bytes: Buffer, delimiter: ';' | ','): string[][] {
  return parse(bytes, { delimiter, bom: true });
}

test.describe('CSV export', () => {
  test('the timeline exports its filtered view as a dated Russian file with BOM, `;` and CRLF', async ({
    page,
    request,
  }) => {
    await openTimeline(page, '/?status=planned,in_progress');
    const link = page.getByRole('link', { name: 'Экспорт CSV' });
    await expect(link).toHaveAttribute('href', '/api/export/milestones.csv?status=planned%2Cin_progress&lang=ru');
    const { download, bytes } = await downloadFrom(page, () => link.click());

    expect(download.suggestedFilename()).toMatch(/^roadmap-milestones-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    expect(bytes.subarray(3).toString('utf8').startsWith(RUSSIAN_HEADER)).toBe(true);
    const expected = await listMilestones(request, { status: ['planned', 'in_progress'] });
    const rows = records(bytes, ';').slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual(expected.map((m) => m.id));
    expect(rows.map((r) => r[2])).toEqual(expected.map((m) => m.title));
    expect(new Set(rows.map((r) => r[7]))).toEqual(new Set(['Запланировано', 'В работе']));
  });

  test('the table exports the same rows as it shows, after a search typed in the filter bar', async ({
    page,
    request,
  }) => {
    await page.goto('/?view=table');
    const table = page.getByTestId('milestone-table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Поиск' }).fill('кластер');
    await expect(page).toHaveURL(/[?&]q=/);
    const expected = await listMilestones(request, { q: 'кластер' });
    await expect(table.locator('tbody tr')).toHaveCount(expected.length);

    const { download, bytes } = await downloadFrom(page, () => page.getByRole('link', { name: 'Экспорт CSV' }).click());
    expect(download.suggestedFilename()).toMatch(/^roadmap-milestones-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const rows = records(bytes, ';').slice(1);
    expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(
      expected.map((m) => m.id).sort((a, b) => a - b),
    );
  });

  test('in English the file has the English header and `,`', async ({ page }) => {
    await openTimeline(page);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    const { bytes } = await downloadFrom(page, () => page.getByRole('link', { name: 'Export CSV' }).click());
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    expect(bytes.subarray(3).toString('utf8')).toMatch(
      /^Milestone ID,Version,Title \(Russian\),Title \(English\),Workstream,/,
    );
  });

  test('the history screen exports its log with the Russian header', async ({ page }) => {
    await page.goto('/?view=history');
    await expect(page.getByTestId('history-table').locator('tbody tr').first()).toBeVisible();
    const { download, bytes } = await downloadFrom(page, () => page.getByRole('link', { name: 'Экспорт CSV' }).click());
    expect(download.suggestedFilename()).toMatch(/^roadmap-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Когда (UTC);Кто;ID вехи;Веха;Поле;Было;Стало;Причина;Источник\r\n')).toBe(true);
    expect(records(bytes, ';').length).toBeGreaterThan(1);
  });
});
