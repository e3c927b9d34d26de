import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { ensureBrowser } from '../../scripts/ensure-browser.mjs';
import { precompress } from '../../scripts/vite-precompress';
import { buildApp } from '../../server/http/app';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { generateRoadmap } from '../generate';
import { benchDatabase, benchDatabaseConfig, benchEnv, listen } from '../server';
import { type CaseResult, median } from '../stats';

const RUNS = 5;
/** Seventeen times today's roadmap (29 milestones): room for years of growth. */
const MILESTONES = 500;
const LANES = 20;
const COLD_BUDGET_KB = 300;
const WARM_BUDGET_KB = 20;
const FIRST_ITEM_BUDGET = 1.3;

/** Chrome DevTools' network emulation: bits per second down and up, and the added round trip. */
const LINKS = [
  { name: '10 Mbit/60 ms', bitsPerSecond: 10_000_000, latencyMs: 60 },
  { name: '1.6 Mbit/150 ms', bitsPerSecond: 1_600_000, latencyMs: 150 },
] as const;
type Link = (typeof LINKS)[number];

/**
 * Runs in every page before its own scripts: the moment the first timeline item is in the
 * page, then drawn (the frame after it went in), from navigation start.
 */
function watchFirstItem() {
  const page = window as unknown as { firstItemMs?: number };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.vis-item')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      page.firstItemMs = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Bytes on the wire per request, from the DevTools protocol, headers included. */
class WireBytes {
  private finished = new Map<string, number>();
  private partial = new Map<string, number>();
  private inFlight = new Set<string>();
  /** Event streams stay open: counted for what they sent, not waited for. */
  private streams = new Set<string>();
  private lastActivity = Date.now();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      this.lastActivity = Date.now();
      if (e.type === 'EventSource') this.streams.add(e.requestId);
      else this.inFlight.add(e.requestId);
    });
    cdp.on('Network.responseReceived', (e) => {
      this.partial.set(e.requestId, (this.partial.get(e.requestId) ?? 0) + e.response.encodedDataLength);
    });
    cdp.on('Network.dataReceived', (e) => {
      this.lastActivity = Date.now();
      this.partial.set(e.requestId, (this.partial.get(e.requestId) ?? 0) + e.encodedDataLength);
    });
    cdp.on('Network.loadingFinished', (e) => {
      this.lastActivity = Date.now();
      this.finished.set(e.requestId, e.encodedDataLength);
      this.inFlight.delete(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => {
      this.inFlight.delete(e.requestId);
    });
  }

  reset() {
    this.finished.clear();
    this.partial.clear();
    this.inFlight.clear();
    this.streams.clear();
  }

  total(): number {
    let bytes = 0;
    for (const [id, partial] of this.partial) bytes += this.finished.get(id) ?? partial;
    for (const [id, done] of this.finished) if (!this.partial.has(id)) bytes += done;
    return bytes;
  }

  /** Until no request but the event streams has been open for `quietMs`. */
  async settled(quietMs = 700, timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.inFlight.size === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`network: requests still open after ${timeoutMs} ms`);
  }
}

interface Run {
  coldBytes: number;
  coldFirstItemMs: number;
  warmBytes: number;
  warmFirstItemMs: number;
  canvas: { width: number; top: number };
}

async function firstItem(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { firstItemMs?: number }).firstItemMs !== undefined, null, {
    timeout: 120_000,
    polling: 50,
  });
  return page.evaluate(() => (window as unknown as { firstItemMs: number }).firstItemMs);
}

/** A cold visit in a fresh context (empty HTTP cache) over `link`, then a reload with the cache it filled. */
async function measure(browser: Browser, url: string, link: Link): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'ru-RU',
    timezoneId: 'Asia/Krasnoyarsk',
  });
  try {
    await context.addInitScript(watchFirstItem);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const wire = new WireBytes(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: link.bitsPerSecond / 8,
      uploadThroughput: link.bitsPerSecond / 8,
    });

    await page.goto(url, { waitUntil: 'commit' });
    const coldFirstItemMs = await firstItem(page);
    await wire.settled();
    const coldBytes = wire.total();
    const canvas = await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-testid="timeline"]');
      return { width: box?.offsetWidth ?? 0, top: box?.getBoundingClientRect().top ?? 0 };
    });

    wire.reset();
    await page.reload({ waitUntil: 'commit' });
    const warmFirstItemMs = await firstItem(page);
    await wire.settled();
    return { coldBytes, coldFirstItemMs, warmBytes: wire.total(), warmFirstItemMs, canvas };
  } finally {
    await context.close();
  }
}

/** The app's client and the floor page, each a production build with its compressed copies. */
async function buildPages(dir: string) {
  const appDist = join(dir, 'network-app');
  const bareDist = join(dir, 'network-bare');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: appDist } });
  await build({
    configFile: false,
    root: resolve('bench/timeline-page'),
    base: '/bench-bare/',
    logLevel: 'warn',
    plugins: [precompress()],
    build: { outDir: bareDist, emptyOutDir: true },
  });
  return { appDist, bareDist };
}

const kb = (bytes: number) => bytes / 1024;

/**
 * The first screen over emulated regional links (Chrome DevTools network emulation): bytes on
 * the wire for a cold visit and for a reload with a warm cache, and navigation start to the
 * first timeline item drawn, against the floor page (vis-timeline alone with the same items,
 * bench/timeline-page) served compressed by the same server.
 */
export async function benchNetwork(dir: string): Promise<CaseResult> {
  const { appDist, bareDist } = await buildPages(dir);
  const config = benchDatabaseConfig(dir, 'network');
  const handle = await benchDatabase(config, (h) => generateRoadmap(h, { milestones: MILESTONES, workstreams: LANES }));
  const app = await buildApp({ env: benchEnv(config, appDist), database: handle });
  await app.register(fastifyStatic, {
    root: bareDist,
    prefix: '/bench-bare/',
    decorateReply: false,
    preCompressed: true,
  });
  const base = await listen(app);
  const browser = await chromium.launch({ executablePath: ensureBrowser() || undefined, args: CHROMIUM_ARGS });

  try {
    // Warm-up, not counted: the server's first answers, and the chart's box for the floor page.
    const first = await measure(browser, `${base}/`, LINKS[0]);
    const bareUrl = `${base}/bench-bare/?w=${first.canvas.width}&top=${first.canvas.top}`;
    await measure(browser, bareUrl, LINKS[0]);

    const figures: Record<string, number | string> = {};
    const perLink: Record<string, { ours: Run[]; floor: Run[] }> = {};
    for (const link of LINKS) {
      const ours: Run[] = [];
      const floor: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternating which goes first, so drift in machine load hits both sides alike.
        if (i % 2) floor.push(await measure(browser, bareUrl, link));
        ours.push(await measure(browser, `${base}/`, link));
        if (!(i % 2)) floor.push(await measure(browser, bareUrl, link));
      }
      perLink[link.name] = { ours, floor };
      const m = (runs: Run[], pick: (r: Run) => number) => median(runs.map(pick));
      figures[`${link.name} ours cold KB`] = kb(m(ours, (r) => r.coldBytes));
      figures[`${link.name} floor cold KB`] = kb(m(floor, (r) => r.coldBytes));
      figures[`${link.name} ours warm KB`] = kb(m(ours, (r) => r.warmBytes));
      figures[`${link.name} floor warm KB`] = kb(m(floor, (r) => r.warmBytes));
      figures[`${link.name} ours first item ms`] = m(ours, (r) => r.coldFirstItemMs);
      figures[`${link.name} floor first item ms`] = m(floor, (r) => r.coldFirstItemMs);
      figures[`${link.name} first item ratio`] = m(ours, (r) => r.coldFirstItemMs) / m(floor, (r) => r.coldFirstItemMs);
      figures[`${link.name} ours warm first item ms`] = m(ours, (r) => r.warmFirstItemMs);
      figures[`${link.name} floor warm first item ms`] = m(floor, (r) => r.warmFirstItemMs);
    }

    const slow = perLink[LINKS[1].name] as { ours: Run[]; floor: Run[] };
    const oursMs = median(slow.ours.map((r) => r.coldFirstItemMs));
    const floorMs = median(slow.floor.map((r) => r.coldFirstItemMs));
    const allOurs = Object.values(perLink).flatMap((p) => p.ours);
    const coldKb = kb(median(allOurs.map((r) => r.coldBytes)));
    const warmKb = kb(median(allOurs.map((r) => r.warmBytes)));
    const ratio = oursMs / floorMs;
    return {
      case: `first screen over ${LINKS[1].name}, ${MILESTONES} milestones: first item drawn`,
      engine: 'client',
      ours: oursMs,
      floor: floorMs,
      unit: 'ms',
      ratio,
      budget: `≤ ${FIRST_ITEM_BUDGET}× floor, cold ≤ ${COLD_BUDGET_KB} KB, warm ≤ ${WARM_BUDGET_KB} KB`,
      pass: ratio <= FIRST_ITEM_BUDGET && coldKb <= COLD_BUDGET_KB && warmKb <= WARM_BUDGET_KB,
      notes: { 'cold KB': coldKb, 'warm reload KB': warmKb, ...figures, runs: RUNS },
    };
  } finally {
    await browser.close();
    await app.close();
    await handle.close();
  }
}
