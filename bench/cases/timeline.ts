import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { ensureBrowser } from '../../scripts/ensure-browser.mjs';
import { buildApp } from '../../server/http/app';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { generateRoadmap } from '../generate';
import { benchDatabase, benchDatabaseConfig, benchEnv, listen } from '../server';
import { type CaseResult, median } from '../stats';

const RUNS = 5;
const MILESTONES = 5_000;
const LANES = 50;
const BUDGET_RATIO = 1.25;
// One wheel notch zooms vis-timeline by 1 / (1 + 1/5) (its zoomFriction of 5): this many
// notches take the app's ten-year preset to a window of a month or less.
const ZOOM_STEPS = Math.ceil(Math.log((10 * 365.25) / 30.5) / Math.log(1.2));

/**
 * Runs in every page before its own scripts: collects long tasks, and counts the items in the
 * DOM the moment the page marks 'timeline-drawn', after the mark so the count is not timed.
 */
function observePage() {
  const page = window as unknown as { longTasks: { start: number; ms: number }[]; drawnItems: number };
  page.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) page.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mark = performance.mark.bind(performance);
  performance.mark = (name: string, options?: PerformanceMarkOptions) => {
    const entry = mark(name, options);
    if (name === 'timeline-drawn') page.drawnItems = document.querySelectorAll('.vis-item').length;
    return entry;
  };
}

interface Run {
  /** Navigation start to the 'timeline-drawn' mark. */
  drawnMs: number;
  /** Items handed to vis-timeline: the app's shown count less its undated list; the bare page's own. */
  itemsGiven: number;
  /** `.vis-item` elements at the mark: vis-timeline draws only lanes near the visible part. */
  itemsDrawn: number;
  loadLongestMs: number;
  zoomLongestMs: number;
  zoomMs: number;
  /** Where the chart's box is, for the bare page to copy. */
  canvas: { width: number; top: number };
}

/** Until the next frame has been drawn and the task after it has run. */
function frameDone(page: Page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
}

async function measure(browser: Browser, url: string): Promise<Run> {
  // A new context each run: a cold HTTP cache for both pages, and no V8 code cache either.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Asia/Krasnoyarsk',
  });
  try {
    await context.addInitScript(observePage);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('timeline-drawn').length > 0, null, {
      timeout: 60_000,
      polling: 100,
    });
    const load = await page.evaluate(() => {
      const state = window as unknown as { longTasks: { start: number; ms: number }[]; drawnItems: number };
      const drawnMs = performance.getEntriesByName('timeline-drawn')[0]?.startTime ?? Number.NaN;
      const canvas = document.querySelector<HTMLElement>('[data-testid="timeline"]');
      const shown = Number(document.querySelector('.result-count')?.textContent?.replace(/\D/g, ''));
      const undated = document.querySelectorAll('[data-testid="undated-list"] li').length;
      return {
        drawnMs,
        itemsGiven: Number(canvas?.dataset.items ?? shown - undated),
        itemsDrawn: state.drawnItems,
        loadLongestMs: Math.max(0, ...state.longTasks.filter((t) => t.start < drawnMs).map((t) => t.ms)),
        canvas: { width: canvas?.offsetWidth ?? 0, top: canvas?.getBoundingClientRect().top ?? 0 },
      };
    });

    // Zoom the way a reader does: the decade preset, then Ctrl + wheel over the chart's middle.
    await page.click('[data-zoom="decade"]');
    await frameDone(page);
    const box = await page.locator('.vis-panel.vis-center').boundingBox();
    if (!box) throw new Error(`${url}: no chart to zoom`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await frameDone(page);
    const zoomFrom = await page.evaluate(() => performance.now());
    await page.keyboard.down('Control');
    for (let i = 0; i < ZOOM_STEPS; i++) {
      await page.mouse.wheel(0, -100);
      await frameDone(page);
    }
    await page.keyboard.up('Control');
    const zoomTo = await page.evaluate(() => performance.now());
    // Long-task entries arrive a little after the task: give the observer time to report.
    await page.waitForTimeout(200);
    const zoomLongestMs = await page.evaluate(
      ({ from, to }) => {
        const { longTasks } = window as unknown as { longTasks: { start: number; ms: number }[] };
        return Math.max(0, ...longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.ms));
      },
      { from: zoomFrom, to: zoomTo },
    );
    return { ...load, zoomLongestMs, zoomMs: zoomTo - zoomFrom };
  } finally {
    await context.close();
  }
}

/** The app's client and the bare page, each a production build of its own, in `dir`. */
async function buildPages(dir: string) {
  const appDist = join(dir, 'timeline-app');
  const bareDist = join(dir, 'timeline-bare');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: appDist } });
  await build({
    configFile: false,
    root: resolve('bench/timeline-page'),
    base: '/bench-bare/',
    logLevel: 'warn',
    build: { outDir: bareDist, emptyOutDir: true },
  });
  return { appDist, bareDist };
}

/**
 * The timeline with 5,000 milestones in 50 workstream lanes in Chromium: navigation start to
 * the items drawn, against a bare page served by the same server that fetches the same rows
 * over the same tRPC endpoints and gives vis-timeline the same items and options. Also the
 * longest task while zooming from the decade preset to a month with Ctrl + wheel.
 */
export async function benchTimeline(dir: string): Promise<CaseResult> {
  const { appDist, bareDist } = await buildPages(dir);
  const config = benchDatabaseConfig(dir, 'timeline');
  const handle = await benchDatabase(config, (h) => generateRoadmap(h, { milestones: MILESTONES, workstreams: LANES }));
  const app = await buildApp({ env: benchEnv(config, appDist), database: handle });
  await app.register(fastifyStatic, { root: bareDist, prefix: '/bench-bare/', decorateReply: false });
  const base = await listen(app);
  // The same Chromium npm test uses: found, or installed the way npm test installs it.
  const browser = await chromium.launch({
    executablePath: ensureBrowser() || undefined,
    args: CHROMIUM_ARGS,
  });

  try {
    // Warm-up, not counted: the server's first answers, and the box the app gives its chart,
    // which the bare page copies so that items stack and get drawn the same way.
    const first = await measure(browser, `${base}/`);
    const bareUrl = `${base}/bench-bare/?w=${first.canvas.width}&top=${first.canvas.top}`;
    const firstBare = await measure(browser, bareUrl);
    if (first.itemsGiven !== MILESTONES || firstBare.itemsGiven !== MILESTONES) {
      throw new Error(
        `timeline: items given, app ${first.itemsGiven}, bare ${firstBare.itemsGiven}, not ${MILESTONES}`,
      );
    }

    const ours: Run[] = [];
    const floor: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternating which goes first, so drift in machine load hits both sides alike.
      if (i % 2) floor.push(await measure(browser, bareUrl));
      ours.push(await measure(browser, `${base}/`));
      if (!(i % 2)) floor.push(await measure(browser, bareUrl));
    }
    for (const run of [...ours, ...floor]) {
      if (run.itemsGiven !== MILESTONES) throw new Error(`timeline: ${run.itemsGiven} items given, not ${MILESTONES}`);
    }

    const oursMs = median(ours.map((r) => r.drawnMs));
    const floorMs = median(floor.map((r) => r.drawnMs));
    return {
      case: `timeline ${MILESTONES / 1000}k items, ${LANES} lanes, drawn`,
      engine: 'client',
      ours: oursMs,
      floor: floorMs,
      unit: 'ms',
      ratio: oursMs / floorMs,
      budget: `≤ ${BUDGET_RATIO}× floor`,
      pass: oursMs / floorMs <= BUDGET_RATIO,
      notes: {
        'ours items drawn': median(ours.map((r) => r.itemsDrawn)),
        'floor items drawn': median(floor.map((r) => r.itemsDrawn)),
        'ours load longest task ms': median(ours.map((r) => r.loadLongestMs)),
        'floor load longest task ms': median(floor.map((r) => r.loadLongestMs)),
        'ours zoom longest task ms': median(ours.map((r) => r.zoomLongestMs)),
        'floor zoom longest task ms': median(floor.map((r) => r.zoomLongestMs)),
        'ours zoom ms': median(ours.map((r) => r.zoomMs)),
        'floor zoom ms': median(floor.map((r) => r.zoomMs)),
        'zoom steps': ZOOM_STEPS,
        'chart width px': first.canvas.width,
      },
    };
  } finally {
    await browser.close();
    await app.close();
    await handle.close();
  }
}
