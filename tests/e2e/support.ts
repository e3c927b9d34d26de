import { type APIRequestContext, test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared pieces of the browser tests: a `test` that fails on any console error, uncaught
 * exception or failed request, the seeded data read back from the API, and measurements of
 * the vis-timeline chart (where an item and an axis label are drawn).
 */

export interface ApiMilestone {
  id: number;
  title: string;
  titleEn: string | null;
  status: string;
  plannedStart: string | null;
  plannedPrecision: string | null;
  actualDate: string | null;
}

interface GuardOptions {
  /** Set to false (`test.use({ failOnPageProblems: false })`) in a test that provokes errors on purpose. */
  failOnPageProblems: boolean;
}

interface GuardFixtures {
  /** Console errors, uncaught exceptions and failed requests seen so far in this test. */
  pageProblems: string[];
  pageGuard: undefined;
}

/** Watches a page for everything a user would never see but that means something broke. */
export function watchPage(page: Page, problems: string[], { ignoreAborted }: { ignoreAborted: boolean }): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // A reload or a new page.goto cancels the requests still in flight: that is the test, not the app.
    if (ignoreAborted && reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
}

export const test = base.extend<GuardOptions & GuardFixtures>({
  failOnPageProblems: [true, { option: true }],
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    watchPage(page, problems, { ignoreAborted: true });
    await use(problems);
  },
  pageGuard: [
    async ({ pageProblems, failOnPageProblems }, use) => {
      await use(undefined);
      if (failOnPageProblems) expect(pageProblems, 'console errors, exceptions or failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Titles from seeds/cluster.ts that the tests look for. */
export const SEED = {
  chemPlant2028: 'Многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов',
  lithium2030: 'Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития',
  lithium2030En: 'Processing of Tastyg deposit ore concentrate into lithium hydroxide',
  aiCentre2032: 'Вычислительный центр искусственного интеллекта',
  shoiguMeeting: 'Совещание Сергея Шойгу в Красноярске; подписана дорожная карта сотрудничества с СО РАН',
  clusterInitiative: 'Запущена инициатива по созданию кластера редкоземов в Ангаро-Енисейском макрорегионе',
  manturov: 'Денис Мантуров: к кластеру привлекут партнёров из дружественных стран',
  patrushev: 'Дмитрий Патрушев поручил сформировать экспертную группу по редким и редкоземельным металлам',
  kseniaShoigu: 'Ксения Шойгу назначена генеральным директором Фонда развития ИНТЦ «Долина Менделеева»',
  energyStorage: 'Системы хранения энергии и литий-ионные батареи',
  energyStorageEn: 'Energy storage systems and lithium-ion batteries',
  lithiumDateQuote:
    'В 2030 году начнётся переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития, напрямую связанного с аккумуляторными технологиями.',
  columnTitle: 'Что запустят первым: чёткий таймлайн',
  interfaxTitle: 'Россия привлечет партнеров из дружественных стран к РЗМ-кластеру в Сибири',
  tassTitle: 'Эксперт Верховец: связанные с РЗМ производства надо размещать внутри РФ',
} as const;

/** milestone.list as the client calls it, over plain HTTP GET. */
export async function listMilestones(request: APIRequestContext, filter: object = {}): Promise<ApiMilestone[]> {
  const response = await request.get(`/trpc/milestone.list?input=${encodeURIComponent(JSON.stringify(filter))}`);
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: ApiMilestone[] } };
  return body.result.data;
}

export async function milestoneId(request: APIRequestContext, title: string): Promise<number> {
  const found = (await listMilestones(request)).find((m) => m.title === title);
  if (!found) throw new Error(`seeded milestone not found: ${title}`);
  return found.id;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Exact, whole-text match for `hasText` and `toHaveText`. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export function timeline(page: Page): Locator {
  return page.getByTestId('timeline');
}

/** Items drawn on the chart; a point item also draws a separate `.vis-dot`, which is not an item of its own. */
export function timelineItems(page: Page): Locator {
  return timeline(page).locator('.vis-item:not(.vis-dot)');
}

export function timelineItem(page: Page, title: string): Locator {
  return timelineItems(page).filter({ hasText: title });
}

/** The minor labels of the axis above the chart (the chart has the same axis below too). */
export function axisLabels(page: Page): Locator {
  return timeline(page).locator('.vis-panel.vis-top .vis-time-axis .vis-text.vis-minor:not(.vis-measure)');
}

export async function axisTexts(page: Page): Promise<string[]> {
  return (await axisLabels(page).allTextContents()).map((t) => t.trim()).filter(Boolean);
}

/** Left edge of the axis label with this text: where the tick of that period is drawn. */
export async function axisLabelX(page: Page, text: string): Promise<number> {
  const label = axisLabels(page).filter({ hasText: exactly(text) });
  // No waiting here: callers measure inside expect(...).toPass(), which retries.
  const count = await label.count();
  if (count !== 1) throw new Error(`expected one axis label ${text}, found ${count}: ${await axisTexts(page)}`);
  const box = await label.boundingBox();
  if (!box) throw new Error(`axis label ${text} is not drawn`);
  return box.x;
}

export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`not drawn: ${locator}`);
  return b;
}

/**
 * How many days the chart shows, measured from the axis: the distance between two neighbouring
 * minor labels and the dates vis-timeline gives them in their class names (vis-year2030,
 * vis-april, vis-day5 — these are always English, whatever the language of the labels).
 */
export async function visibleWindowDays(page: Page): Promise<number | null> {
  return timeline(page).evaluate((root) => {
    const MONTHS = [
      'january',
      'february',
      'march',
      'april',
      'may',
      'june',
      'july',
      'august',
      'september',
      'october',
      'november',
      'december',
    ];
    const YEAR = 365.25;
    const MONTH = YEAR / 12;
    const panel = root.querySelector('.vis-panel.vis-center');
    const labels = [
      ...root.querySelectorAll('.vis-panel.vis-top .vis-time-axis .vis-text.vis-minor:not(.vis-measure)'),
    ].map((el) => ({ x: el.getBoundingClientRect().left, classes: el.className }));
    labels.sort((a, b) => a.x - b.x);
    const dayOf = (classes: string): { days: number; wrap: number } | null => {
      const year = /\bvis-year(\d+)\b/.exec(classes);
      if (year) return { days: Number(year[1]) * YEAR, wrap: 0 };
      const month = MONTHS.findIndex((m) => new RegExp(`\\bvis-${m}\\b`).test(classes));
      const day = /\bvis-day(\d+)\b/.exec(classes);
      if (month >= 0) return { days: month * MONTH + (day ? Number(day[1]) : 0), wrap: YEAR };
      const week = /\bvis-week(\d+)\b/.exec(classes);
      if (week) return { days: Number(week[1]) * 7, wrap: 52 * 7 };
      return null;
    };
    if (!panel || labels.length < 2) return null;
    const [a, b] = [labels[0]!, labels[1]!];
    const [da, db] = [dayOf(a.classes), dayOf(b.classes)];
    if (!da || !db || b.x <= a.x) return null;
    let days = db.days - da.days;
    if (days <= 0) days += da.wrap;
    if (days <= 0) return null;
    return panel.getBoundingClientRect().width / ((b.x - a.x) / days);
  });
}

/** Opens the app and waits until the chart has drawn its items. */
export async function openTimeline(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(timelineItems(page).first()).toBeVisible();
}
