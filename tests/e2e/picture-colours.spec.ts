import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { STATUS_COLORS, STATUSES, type Status } from '../../shared/status';
import { expect, logInAs, test } from './fixtures/isolated-server';
import { SEED } from './support';

/**
 * The roadmap on paper and as a picture looks as it does on screen: the PNG is decoded and the
 * pixels of known bars read back; the print sheet is printed to PDF and its pages read as text.
 * This file changes data (a slipped milestone, one milestone of each status, a crowded lane),
 * so it has a server of its own.
 */

type Rgb = [number, number, number];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DrawnItem {
  text: string;
  classes: string[];
  box: Box;
}

interface Drawing {
  width: number;
  height: number;
  items: DrawnItem[];
  /** Dots of point items, drawn apart from their labels. */
  dots: { classes: string[]; box: Box }[];
  /** What kinds of marks the chart draws, in the legend's words (see `stylesShown`). */
  shown: string[];
  /** The `data-legend` of each legend entry, in order. */
  legend: string[];
  legendText: string;
}

const COLOUR_TITLE = (status: Status) => `Цвет ${status}`;
/** Years for the colour milestones: one lane, one bar per year, so no label lies over another bar. */
const COLOUR_YEAR: Record<Status, number> = {
  planned: 2026,
  in_progress: 2027,
  at_risk: 2028,
  delayed: 2029,
  done: 2030,
  cancelled: 2031,
};
const CROWD = 10;
/** A3 landscape inside 10 mm margins (print.css), in CSS pixels. */
const PAGE_HEIGHT_PX = ((297 - 2 * 10) * 96) / 25.4;
const CROWD_TITLE = (n: number) => `Дополнительная веха ${n} для проверки печати на нескольких страницах`;

function hex(colour: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`not a #rrggbb colour: ${colour}`);
  return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16), Number.parseInt(m[3]!, 16)];
}

const css = (colour: string) => `rgb(${hex(colour).join(', ')})`;
const WHITE: Rgb = [255, 255, 255];

async function call<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

async function read<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/trpc/${path}${query}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

interface Listed {
  id: number;
  title: string;
  version: number;
  plannedEnd: string | null;
  conflict: boolean;
}

const yearOf = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31`, precision: 'year' });

/**
 * As a planner, through the API: one milestone of each status in the magnets lane, the
 * lithium plant moved from 2030 to 2031 so that its announced date is drawn as a ghost, and a
 * second source naming 2034 for the AI centre (2032), so that the sources disagree on it.
 * Tests in a file do not share their changes (a failed test restarts the server): each test
 * calls this, and it adds only what is missing.
 */
async function prepareColours(page: Page): Promise<void> {
  await logInAs(page, 'anna');
  const request = page.request;
  const listed = await read<Listed[]>(request, 'milestone.list', {});
  const [source] = await read<{ id: number }[]>(request, 'source.list');
  const workstreams = await read<{ id: number; nameRu: string }[]>(request, 'workstream.list');
  const magnets = workstreams.find((w) => w.nameRu.startsWith('Постоянные магниты'));
  if (!source || !magnets) throw new Error('the seed has no sources or no magnets workstream');
  const citation = { sourceId: source.id, quote: 'Проверка цветов на картинке' };
  for (const status of STATUSES) {
    if (listed.some((m) => m.title === COLOUR_TITLE(status))) continue;
    await call(request, 'milestone.create', {
      title: COLOUR_TITLE(status),
      status,
      planned: yearOf(COLOUR_YEAR[status]),
      workstreamId: magnets.id,
      reason: 'Проверка цветов на картинке',
      citation,
    });
  }
  const aiCentre = listed.find((m) => m.title === SEED.aiCentre2032);
  if (!aiCentre) throw new Error('no AI centre milestone in the seed');
  if (!aiCentre.conflict)
    await call(request, 'claim.add', {
      milestoneId: aiCentre.id,
      version: aiCentre.version,
      reason: 'Источник называет 2034 год',
      citation: {
        newSource: { title: 'Сообщение о сроке 2034', publisher: 'Агентство 2034', publishedOn: '2026-06-01' },
        quote: 'Запуск намечен на 2034 год.',
      },
      planned: { ...yearOf(2034), qualifier: 'exact' },
    });
  const lithium = listed.find((m) => m.title === SEED.lithium2030);
  if (!lithium) throw new Error('no lithium milestone in the seed');
  if (lithium.plannedEnd !== '2031-12-31')
    await call(request, 'milestone.update', {
      id: lithium.id,
      version: lithium.version,
      planned: yearOf(2031),
      reason: 'Инвестор сообщил о переносе запуска',
      citation,
    });
}

/** Exact days in one lane, close together: their labels stack into a lane taller than a page. */
async function crowdOneLane(page: Page): Promise<void> {
  await logInAs(page, 'anna');
  const request = page.request;
  const listed = await read<Listed[]>(request, 'milestone.list', {});
  const [source] = await read<{ id: number }[]>(request, 'source.list');
  const workstreams = await read<{ id: number; nameRu: string }[]>(request, 'workstream.list');
  const additive = workstreams.find((w) => w.nameRu === 'Аддитивные технологии');
  if (!source || !additive) throw new Error('the seed has no sources or no additive workstream');
  for (let n = 1; n <= CROWD; n += 1) {
    if (listed.some((m) => m.title === CROWD_TITLE(n))) continue;
    const day = `2027-${String(1 + (n % 12)).padStart(2, '0')}-15`;
    await call(request, 'milestone.create', {
      title: CROWD_TITLE(n),
      planned: { start: day, end: day, precision: 'day' },
      workstreamId: additive.id,
      reason: 'Проверка печати',
      citation: { sourceId: source.id, quote: 'Проверка печати' },
    });
  }
}

/**
 * Puts into every page the test opens a reader of what a picture draws, with boxes relative to
 * the picture (the PNG is the picture, one image pixel per CSS pixel), and records the PNG stage
 * the moment it is ready: it exists only while the image is made. Call before the first goto.
 */
async function watchDrawings(page: Page): Promise<{
  read: (testId: string) => Promise<Drawing>;
  /** The PNG stage drawn since the last call. */
  pngStage: () => Promise<Drawing>;
}> {
  let recorded: Drawing | null = null;
  await page.exposeFunction('recordPngStage', (drawing: Drawing) => {
    recorded = drawing;
  });
  await page.addInitScript(() => {
    const w = window as unknown as {
      readDrawing: (picture: HTMLElement) => unknown;
      recordPngStage: (drawing: unknown) => Promise<void>;
    };
    w.readDrawing = (picture) => {
      const origin = picture.getBoundingClientRect();
      const boxOf = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
      };
      const chart = picture.querySelector('.picture-charts') ?? picture;
      const items = [...chart.querySelectorAll('.vis-item:not(.vis-dot)')];
      // The kinds of marks on the chart, named as the legend's entries are (data-legend).
      const shown = new Set<string>();
      for (const item of items) {
        const c = item.classList;
        if (c.contains('baseline-ghost')) shown.add('announced');
        else if (c.contains('claim-spread')) shown.add('disputed');
        else {
          for (const name of c) if (name.startsWith('status-')) shown.add(name);
          if (c.contains('approximate')) shown.add('approximate');
          if (c.contains('vis-point')) shown.add('exact');
          if (c.contains('slipped')) shown.add('slipped');
          if (c.contains('disputed')) shown.add('disputed');
        }
      }
      const centre = chart.querySelector('.vis-panel.vis-center')?.getBoundingClientRect();
      const today = chart.querySelector('.vis-current-time')?.getBoundingClientRect();
      if (centre && today && today.left >= centre.left && today.left <= centre.right) shown.add('today');
      const legend = picture.querySelector('.status-legend');
      return {
        width: picture.offsetWidth,
        height: picture.offsetHeight,
        items: items.map((el) => ({
          text: el.textContent?.trim() ?? '',
          classes: [...el.classList],
          box: boxOf(el),
        })),
        dots: [...chart.querySelectorAll('.vis-item.vis-dot')].map((el) => ({
          classes: [...el.classList],
          box: boxOf(el),
        })),
        shown: [...shown].sort(),
        legend: [...(legend?.querySelectorAll('[data-legend]') ?? [])].map(
          (el) => (el as HTMLElement).dataset.legend ?? '',
        ),
        legendText: legend?.textContent ?? '',
      };
    };
    new MutationObserver(() => {
      const stage = document.querySelector<HTMLElement>('[data-testid="png-export-stage"][data-ready]');
      if (!stage || stage.dataset.recorded) return;
      stage.dataset.recorded = 'yes';
      void w.recordPngStage(w.readDrawing(stage));
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  return {
    read: async (testId) => {
      const drawing = await page.evaluate((id) => {
        const picture = document.querySelector<HTMLElement>(`[data-testid="${id}"][data-ready]`);
        const w = window as unknown as { readDrawing: (picture: HTMLElement) => Drawing };
        return picture ? w.readDrawing(picture) : null;
      }, testId);
      if (!drawing) throw new Error(`${testId} is not drawn`);
      return drawing;
    },
    pngStage: async () => {
      await expect.poll(() => recorded !== null, { message: 'the PNG stage was drawn' }).toBe(true);
      const drawing = recorded as unknown as Drawing;
      recorded = null;
      return drawing;
    },
  };
}

async function exportPng(page: Page): Promise<PNG> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Экспорт PNG' }).click(),
  ]);
  return PNG.sync.read(await readFile(await download.path()));
}

/** The decoded image, read by CSS pixel of the picture it was made from. */
function pixels(png: PNG) {
  const at = (x: number, y: number): Rgb => {
    const i = (Math.round(y) * png.width + Math.round(x)) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  /** Every pixel of the box shrunk by `inset` on each side (borders and anti-aliased edges left out). */
  const inside = (box: Box, inset: number): Rgb[] => {
    const out: Rgb[] = [];
    for (let y = Math.ceil(box.y + inset); y < Math.floor(box.y + box.height - inset); y += 1)
      for (let x = Math.ceil(box.x + inset); x < Math.floor(box.x + box.width - inset); x += 1) out.push(at(x, y));
    return out;
  };
  /** The most frequent colour and its share: what the eye takes for the fill. */
  const dominant = (colours: Rgb[]): { colour: Rgb; share: number } => {
    const counts = new Map<string, number>();
    for (const c of colours) counts.set(c.join(), (counts.get(c.join()) ?? 0) + 1);
    const [key, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['0,0,0', 0];
    return { colour: key.split(',').map(Number) as Rgb, share: count / Math.max(colours.length, 1) };
  };
  return { at, inside, dominant };
}

/** Relative luminance, 0 (black) to 1 (white). */
function luminance([r, g, b]: Rgb): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** The bar (or, with `ghost`, the announced date drawn behind it) whose label has this text. */
function itemTitled(drawing: Drawing, text: string, kind: 'bar' | 'ghost' = 'bar'): DrawnItem {
  const found = drawing.items.find(
    (i) => i.text.includes(text) && i.classes.includes('baseline-ghost') === (kind === 'ghost'),
  );
  if (!found) throw new Error(`no ${kind} «${text}» in ${drawing.items.map((i) => i.text).join(' | ')}`);
  return found;
}

test.describe('the picture keeps what the screen shows', () => {
  test('PNG: every status bar in its colour, approximate dates fade at their ends, the ghost is no bar', async ({
    page,
  }) => {
    await prepareColours(page);
    const drawings = await watchDrawings(page);
    await page.goto('/');
    await expect(page.getByTestId('timeline').locator('.vis-item.baseline-ghost')).toHaveCount(1);
    const png = await exportPng(page);
    const drawing = await drawings.pngStage();
    expect({ width: png.width, height: png.height }).toEqual({ width: drawing.width, height: drawing.height });
    const image = pixels(png);

    for (const status of STATUSES) {
      const bar = itemTitled(drawing, COLOUR_TITLE(status));
      expect(bar.classes, status).toContain('approximate');
      expect(bar.box.width, `${status} is drawn as a bar`).toBeGreaterThan(60);
      // The middle of a year: the full colour (the label sits at the left, within the first third).
      const middle = image.dominant(
        image.inside({ ...bar.box, x: bar.box.x + bar.box.width * 0.55, width: bar.box.width * 0.2 }, 3),
      );
      expect(middle.colour, `${status} bar colour`).toEqual(hex(STATUS_COLORS[status].background));
      expect(middle.share, `${status} bar is filled`).toBeGreaterThan(0.8);
      // "Some time in 2026": the ends fade towards the paper, they are not cut square.
      const end = image.at(bar.box.x + bar.box.width - 3, bar.box.y + bar.box.height / 2);
      expect(luminance(end) - luminance(middle.colour), `${status} bar fades at its end`).toBeGreaterThan(
        status === 'cancelled' ? 0.08 : 0.25,
      );
    }

    // A reached milestone: a dot in the done colour on its day.
    const meeting = itemTitled(drawing, SEED.shoiguMeeting);
    expect(meeting.classes).toContain('vis-point');
    const centreOf = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
    const labelMiddle = meeting.box.y + meeting.box.height / 2;
    const dot = drawing.dots
      .filter((d) => d.classes.includes('status-done'))
      .sort((a, b) => Math.abs(centreOf(a.box).y - labelMiddle) - Math.abs(centreOf(b.box).y - labelMiddle))[0];
    if (!dot) throw new Error('no dot drawn for the reached milestone');
    const { x, y } = centreOf(dot.box);
    expect(image.at(x, y), 'dot colour').toEqual(hex(STATUS_COLORS.done.background));

    // The announced 2030 behind the slipped lithium plant: labelled, and not filled like a bar —
    // the paper shows through it, nowhere the planned colour.
    const lithium = itemTitled(drawing, SEED.lithium2030);
    expect(lithium.classes).toContain('slipped');
    const ghost = itemTitled(drawing, 'Объявлено', 'ghost');
    expect(ghost.text).toBe('Объявлено: 2030');
    const inGhost = image.inside(ghost.box, 3);
    const ghostFill = image.dominant(inGhost);
    expect(ghostFill.colour, 'the ghost is not filled').toEqual(WHITE);
    const planned = hex(STATUS_COLORS.planned.background);
    expect(inGhost.filter((c) => c.join() === planned.join()).length, 'no planned colour in the ghost').toBe(0);
  });

  test('the legend explains every mark in the picture and nothing else, in the status colours', async ({ page }) => {
    await prepareColours(page);
    const drawings = await watchDrawings(page);
    // Only the reached events: the legend of this picture has no planned colour, no ghost.
    await page.goto('/?status=done');
    await expect(page.getByTestId('timeline').locator('.vis-item').first()).toBeVisible();
    await exportPng(page);
    let drawing = await drawings.pngStage();
    expect(drawing.shown).toContain('status-done');
    expect(drawing.shown).not.toContain('status-planned');
    expect([...drawing.legend].sort()).toEqual(drawing.shown);
    expect(drawing.legendText).not.toContain('Запланировано');

    // Everything: every status, approximate and exact dates, today, the slipped mark and the ghost.
    await page.goto('/');
    await expect(page.getByTestId('timeline').locator('.vis-item.baseline-ghost')).toHaveCount(1);
    await exportPng(page);
    drawing = await drawings.pngStage();
    for (const mark of [
      'announced',
      'approximate',
      'disputed',
      'exact',
      'slipped',
      'today',
      ...STATUSES.map((s) => `status-${s}`),
    ])
      expect(drawing.shown, mark).toContain(mark);
    expect([...drawing.legend].sort()).toEqual(drawing.shown);
    expect(drawing.legendText).toContain('Первоначально объявленный срок');
    expect(drawing.legendText).toContain('Источники расходятся в сроке');

    // The print sheet's legend is the same, and its swatches have the status colours.
    await page.emulateMedia({ media: 'print' });
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet).toHaveAttribute('data-ready', 'true');
    const printed = await drawings.read('print-sheet');
    expect([...printed.legend].sort()).toEqual(printed.shown);
    for (const status of STATUSES)
      await expect(sheet.locator(`[data-legend="status-${status}"] .legend-swatch`)).toHaveCSS(
        'background-color',
        css(STATUS_COLORS[status].background),
      );
  });

  test('print: bars keep their colours on paper, and the first page holds the chart, not only the title', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await prepareColours(page);
    await crowdOneLane(page);
    await page.goto('/');
    await expect(page.getByTestId('timeline').locator('.vis-item').first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet).toHaveAttribute('data-ready', 'true');

    // Colours survive the printer's economy mode: the page asks for its backgrounds to be kept.
    for (const status of STATUSES) {
      const bar = sheet.locator('.vis-item.vis-range').filter({ hasText: COLOUR_TITLE(status) });
      await expect(bar).toHaveCSS('print-color-adjust', 'exact');
      const image = await bar.evaluate((el) => getComputedStyle(el).backgroundImage);
      expect(image, `${status} bar on paper`).toContain(css(STATUS_COLORS[status].background));
    }
    const dot = sheet.locator('.vis-item.vis-dot.status-done').first();
    await expect(dot).toHaveCSS('border-top-color', css(STATUS_COLORS.done.background));
    await expect(dot).toHaveCSS('print-color-adjust', 'exact');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    const heading = await sheet.locator('.picture-heading > *').allTextContents();
    const headingWords = new Set(heading.join(' ').split(/\s+/).filter(Boolean));
    // Every page has more than the heading on it; the first has the chart: lanes and milestones.
    for (const [n, text] of pages.entries()) {
      const rest = text.split(/\s+/).filter((word) => word && !headingWords.has(word));
      expect(rest.length, `page ${n + 1} has more than the title: ${text.slice(0, 200)}`).toBeGreaterThan(10);
    }
    const first = pages[0] ?? '';
    expect(first).toContain('Дорожная карта');
    expect(first).toContain('Системы хранения энергии');
    expect(first).toContain('Цвет planned');

    // Too tall for a page, the chart comes in parts cut between lanes: each fits its page, has
    // its own axis, and is printed on a page of its own — no page break runs through a lane.
    const parts = sheet.locator('.picture-chart');
    expect(await parts.count()).toBeGreaterThan(1);
    const allLanes: string[] = [];
    const scale: number[] = [];
    for (const [n, part] of (await parts.all()).entries()) {
      expect((await part.boundingBox())?.height, `part ${n + 1} fits a page`).toBeLessThanOrEqual(PAGE_HEIGHT_PX);
      await expect(part).toHaveClass(/\bfits-page\b/);
      const year = part.locator('.vis-panel.vis-top .vis-time-axis .vis-text.vis-year2030:not(.vis-measure)');
      scale.push((await year.boundingBox())?.x ?? Number.NaN);
      const lanes = (await part.locator('.vis-labelset .vis-label').allTextContents()).map((l) => l.trim());
      allLanes.push(...lanes);
      const text = (pages[n] ?? '').replace(/-\s+/g, '-').replace(/\s+/g, ' ');
      for (const lane of lanes)
        expect(text, `page ${n + 1} has the lane ${lane}`).toContain(lane.split(' ').slice(0, 2).join(' '));
    }
    expect(new Set(allLanes).size, 'every lane printed once').toBe(allLanes.length);
    // One time scale on every page: 2030 stands at the same place.
    for (const x of scale) expect(Math.abs(x - (scale[0] ?? 0)), `2030 at ${scale.join(', ')}`).toBeLessThan(1);
    expect(allLanes).toContain('Аддитивные технологии');
    // All of the crowded lane is printed, across the pages if it must be.
    for (let n = 1; n <= CROWD; n += 1)
      expect(pages.join(' ').replace(/\s+/g, ' '), `milestone ${n} printed`).toContain(`веха ${n} для`);
  });
});
