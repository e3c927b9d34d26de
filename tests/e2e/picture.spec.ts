import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { box, expect, listMilestones, openTimeline, SEED, test, timeline, timelineItem } from './support';

/**
 * The roadmap as a picture: the PNG export and the print layout draw the whole chosen range
 * with every lane, whatever the screen is zoomed or scrolled to.
 */

const YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032].map(String);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a PNG must start with (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface PictureSnapshot {
  width: number;
  height: number;
  heading: string;
  legend: string;
  axis: string[];
  items: string[];
  lanes: number;
  /** Whether every lane is drawn in full: the chart's centre panel is as tall as its items. */
  allLanesShown: boolean;
}

/**
 * Puts into the page a reader of what a picture (PNG stage or print sheet) shows, and records
 * the PNG stage the moment it is ready: it exists only while the image is made.
 */
async function watchPictures(page: Page): Promise<{
  read: (testId: string) => Promise<PictureSnapshot | null>;
  pngStage: () => Promise<PictureSnapshot>;
}> {
  let recorded: PictureSnapshot | null = null;
  await page.exposeFunction('recordPngStage', (snapshot: PictureSnapshot) => {
    recorded = snapshot;
  });
  await page.evaluate(() => {
    const w = window as unknown as {
      readPicture: (picture: Element) => unknown;
      recordPngStage: (snapshot: unknown) => Promise<void>;
    };
    w.readPicture = (picture) => {
      const texts = (selector: string) =>
        [...picture.querySelectorAll(selector)].map((el) => el.textContent?.trim() ?? '').filter(Boolean);
      const centre = picture.querySelector<HTMLElement>('.vis-panel.vis-center');
      const itemSet = picture.querySelector<HTMLElement>('.vis-panel.vis-center .vis-itemset');
      return {
        width: (picture as HTMLElement).offsetWidth,
        height: (picture as HTMLElement).offsetHeight,
        heading: picture.querySelector('.picture-heading')?.textContent ?? '',
        legend: picture.querySelector('.status-legend')?.textContent ?? '',
        axis: texts('.vis-time-axis .vis-text:not(.vis-measure)'),
        items: texts('.vis-item:not(.vis-dot) .vis-item-content'),
        lanes: picture.querySelectorAll('.vis-labelset .vis-label').length,
        allLanesShown: !!centre && !!itemSet && centre.clientHeight >= itemSet.offsetHeight,
      };
    };
    new MutationObserver(() => {
      const stage = document.querySelector<HTMLElement>('[data-testid="png-export-stage"][data-ready]');
      if (!stage || stage.dataset.recorded) return;
      stage.dataset.recorded = 'yes';
      void w.recordPngStage(w.readPicture(stage));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  return {
    read: (testId) =>
      page.evaluate((id) => {
        const picture = document.querySelector(`[data-testid="${id}"][data-ready]`);
        const w = window as unknown as { readPicture: (picture: Element) => PictureSnapshot };
        return picture ? w.readPicture(picture) : null;
      }, testId),
    pngStage: async () => {
      await expect.poll(() => recorded !== null, { message: 'the PNG stage was drawn' }).toBe(true);
      return recorded as unknown as PictureSnapshot;
    },
  };
}

async function exportPng(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Экспорт PNG' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}

test.describe('roadmap as a picture', () => {
  test('PNG export draws the whole range with every lane, the title and the legend, though the screen shows a month', async ({
    page,
    request,
  }) => {
    const dated = (await listMilestones(request)).filter((m) => m.actualDate || m.plannedStart);
    await openTimeline(page);
    const screenLanes = await timeline(page).locator('.vis-labelset .vis-label').count();
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    // The screen now shows about a month: the 2032 milestone is out of view, and so is 2025.
    await expect(timelineItem(page, SEED.aiCentre2032)).toHaveCount(0);
    await expect(timelineItem(page, SEED.shoiguMeeting)).toHaveCount(0);
    const screenChart = await box(timeline(page));

    const pictures = await watchPictures(page);
    const png = await exportPng(page);
    expect(png.name).toBe(`roadmap-${await browserToday(page)}.png`);
    const size = pngSize(png.bytes);
    const drawn = await pictures.pngStage();

    // The image is the stage, pixel for pixel, and far wider than the chart on screen.
    expect(size).toEqual({ width: drawn.width, height: drawn.height });
    expect(size.width).toBe(2400);
    expect(size.width).toBeGreaterThan(screenChart.width * 1.5);
    // Tall enough for all lanes: the same lanes as on screen, none cut by a scroll area.
    expect(drawn.lanes).toBe(screenLanes);
    expect(drawn.allLanesShown).toBe(true);
    expect(size.height).toBeGreaterThan(drawn.lanes * 40);
    // A drawn chart, not an empty canvas: a white 2400 px image compresses to a few kilobytes.
    expect(png.bytes.length).toBeGreaterThan(60_000);

    // The whole range: every year from the first to the last milestone, every dated milestone.
    for (const year of YEARS) expect(drawn.axis, `axis shows ${year}`).toContain(year);
    for (const m of dated)
      expect(
        drawn.items.some((text) => text.includes(m.title)),
        m.title,
      ).toBe(true);
    expect(drawn.heading).toContain('Дорожная карта Ангаро-Енисейского кластера');
    expect(drawn.heading).toContain('Выгружено');
    expect(drawn.heading).toContain('Фильтры не заданы');
    expect(drawn.legend).toContain('Запланировано');
    expect(drawn.legend).toContain('Приблизительная дата');

    // The stage is gone once the file is made; the screen keeps its month.
    await expect(page.getByTestId('png-export-stage')).toHaveCount(0);
    await expect(timelineItem(page, SEED.aiCentre2032)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Экспорт PNG' })).toBeEnabled();
  });

  test('the PNG title names the filters and the lanes it was drawn with', async ({ page }) => {
    // Reached events stay done whatever the planner tests running alongside change.
    await openTimeline(page, '/?status=done&lanes=region');
    const pictures = await watchPictures(page);
    const png = await exportPng(page);
    expect(pngSize(png.bytes).width).toBe(2400);
    const drawn = await pictures.pngStage();
    expect(drawn.heading).toContain('Фильтры: Статус: Выполнено');
    expect(drawn.heading).toContain('Дорожки: по регионам');
    expect(drawn.items.some((text) => text.includes(SEED.shoiguMeeting))).toBe(true);
    expect(drawn.items.some((text) => text.includes(SEED.chemPlant2028))).toBe(false);
  });

  test('print layout: A3 sheet with the title, the whole chart, the legend and the cited sources; no app controls', async ({
    page,
  }) => {
    await openTimeline(page);
    const pictures = await watchPictures(page);
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    await page.emulateMedia({ media: 'print' });

    const sheet = page.getByTestId('print-sheet');
    await expect(sheet).toHaveAttribute('data-ready', 'true');
    for (const hidden of [
      page.getByRole('navigation', { name: 'Вид' }),
      page.locator('.filter-bar'),
      page.getByRole('button', { name: 'Экспорт PNG' }),
      page.getByRole('button', { name: 'Печать' }),
      timeline(page),
    ]) {
      await expect(hidden).toBeHidden();
    }
    await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('Дорожная карта Ангаро-Енисейского кластера');
    await expect(sheet.locator('.picture-chart .vis-timeline')).toBeVisible();
    await expect(sheet.getByRole('region', { name: 'Статусы' })).toBeVisible();
    const sources = sheet.getByTestId('cited-sources');
    await expect(sources).toBeVisible();
    await expect(sources).toContainText('ТАСС');
    await expect(sources).toContainText('Интерфакс');
    await expect(sources).toContainText(SEED.interfaxTitle);

    const drawn = await pictures.read('print-sheet');
    expect(drawn).not.toBeNull();
    for (const year of YEARS) expect(drawn?.axis, `axis shows ${year}`).toContain(year);
    expect(drawn?.allLanesShown).toBe(true);
    expect(drawn?.items.some((text) => text.includes(SEED.aiCentre2032))).toBe(true);
    expect(drawn?.items.some((text) => text.includes(SEED.shoiguMeeting))).toBe(true);

    const pdf = await page.pdf({ format: 'A3', landscape: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);

    // Back on screen the sheet is gone and the app is whole again.
    await page.emulateMedia({ media: 'screen' });
    await expect(sheet).toHaveCount(0);
    await expect(timeline(page)).toBeVisible();
  });

  test('the Print button draws the sheet first, then opens the browser print', async ({ page }) => {
    await openTimeline(page);
    // Headless Chromium has no print dialog: record what the page looks like when print is called.
    await page.evaluate(() => {
      const w = window as unknown as { printedSheet?: string };
      window.print = () => {
        const sheet = document.querySelector('[data-testid="print-sheet"]');
        w.printedSheet = sheet?.hasAttribute('data-ready')
          ? `${sheet.querySelectorAll('.vis-item').length > 0} ${sheet.querySelector('[data-testid="cited-sources"]')?.textContent?.includes('ТАСС')}`
          : 'not ready';
      };
    });
    await page.getByRole('button', { name: 'Печать' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printedSheet?: string }).printedSheet))
      .toBe('true true');
    // On screen the sheet stays out of sight.
    const sheet = await box(page.getByTestId('print-sheet'));
    expect(sheet.x + sheet.width).toBeLessThan(0);
  });
});
