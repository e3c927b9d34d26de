import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { addUser, expect, PASSWORD, test } from './fixtures/isolated-server';
import { milestoneId, SEED, timelineItems } from './support';

/**
 * axe-core on every screen, in both languages: the reader's (timeline, table, details with the
 * sources' track of promises, sources, participants with their track records, moves, history,
 * login form) and the planner's and admin's (timeline with drag controls, CSV import dialog, the
 * intake before and after an article is analysed, users). A serious or critical violation fails
 * the test; every impact is counted in the table printed at the end, so a run shows the whole
 * picture, not just the first screen that fails.
 */

type Language = 'ru' | 'en';
type Impact = 'critical' | 'serious' | 'moderate' | 'minor';
const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

interface ScreenResult {
  language: Language;
  screen: string;
  counts: Record<Impact, number>;
  /** "rule-id (impact): target, target" for each violation, for the failure message. */
  details: string[];
}

/** Fictional, in the style of a news agency: moves the lithium milestone a year. */
const ARTICLE = [
  'Литиевый проект в Туве отложили на год',
  '',
  'КЫЗЫЛ, 12 марта. /ТАСС/. Начало переработки рудного концентрата Тастыгского месторождения с получением гидроксида лития перенесено с 2030 на 2031 год.',
].join('\n');

const TEXT = {
  ru: {
    logIn: 'Войти',
    loginForm: 'Вход для плановиков',
    importCsv: 'Импорт CSV',
    importDialog: 'Импорт вех из CSV',
    edit: 'Изменить',
    newMilestone: 'Новая веха',
    articleText: 'Текст статьи',
    analyse: 'Разобрать статью',
  },
  en: {
    logIn: 'Log in',
    loginForm: 'Planner login',
    importCsv: 'Import CSV',
    importDialog: 'Import milestones from CSV',
    edit: 'Edit',
    newMilestone: 'New milestone',
    articleText: 'Article text',
    analyse: 'Analyse the article',
  },
} as const;

/** The language as a visitor picks it: stored by the switch, read before the first render. */
async function useLanguage(page: Page, language: Language): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('roadmap.language', l), language);
}

async function scan(page: Page, language: Language, screen: string, ready: Locator): Promise<ScreenResult> {
  await expect(ready).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  const results = await new AxeBuilder({ page }).analyze();
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const details: string[] = [];
  for (const v of results.violations) {
    const impact = (v.impact ?? 'minor') as Impact;
    counts[impact] += v.nodes.length;
    const targets = v.nodes.slice(0, 4).map((n) => n.target.join(' '));
    details.push(`${v.id} (${impact}, ${v.nodes.length}): ${targets.join(' | ')}`);
  }
  return { language, screen, counts, details };
}

function table(results: ScreenResult[]): string {
  const header = ['language', 'screen', ...IMPACTS];
  const rows = results.map((r) => [r.language, r.screen, ...IMPACTS.map((i) => String(r.counts[i]))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Every screen of every test in this file, for one table at the end (the file runs in one worker). */
const everyScreen: ScreenResult[] = [];

test.afterAll(() => {
  if (everyScreen.length) console.log(`axe, every screen and language:\n${table(everyScreen)}\n`);
});

async function report(results: ScreenResult[], testInfo: TestInfo): Promise<void> {
  everyScreen.push(...results);
  const text = `axe violations (elements) by impact:\n${table(results)}\n`;
  console.log(text);
  await testInfo.attach('axe-table', { body: text, contentType: 'text/plain' });
  const failing = results
    .filter((r) => r.counts.critical + r.counts.serious > 0)
    .map((r) => `${r.language} ${r.screen}:\n  ${r.details.join('\n  ')}`);
  const all = results
    .filter((r) => r.details.length)
    .map((r) => `${r.language} ${r.screen}:\n  ${r.details.join('\n  ')}`);
  if (all.length) await testInfo.attach('axe-violations', { body: all.join('\n'), contentType: 'text/plain' });
  expect(failing, 'serious or critical axe violations').toEqual([]);
}

for (const language of ['ru', 'en'] as const) {
  const words = TEXT[language];

  test(`${language}: a reader's screens have no serious or critical axe violation`, async ({
    page,
    request,
  }, testInfo) => {
    test.setTimeout(120_000);
    await useLanguage(page, language);
    const results: ScreenResult[] = [];
    const main = page.locator('main');

    await page.goto('/');
    results.push(await scan(page, language, 'timeline', timelineItems(page).first()));
    await page.goto('/?view=table');
    results.push(await scan(page, language, 'table', page.getByTestId('milestone-table')));
    const lithium = await milestoneId(request, SEED.lithium2030);
    await page.goto(`/?m=${lithium}`);
    const details = page.getByTestId('milestone-details');
    await expect(timelineItems(page).first()).toBeVisible();
    results.push(await scan(page, language, 'details panel', details.getByTestId('promise-history')));
    await page.goto('/?view=sources');
    results.push(await scan(page, language, 'sources', page.getByTestId('source-table')));
    await page.goto('/?view=participants');
    results.push(await scan(page, language, 'participants, track records', page.getByTestId('participant-table')));
    await page.goto('/?view=moves');
    results.push(
      await scan(page, language, 'moves', page.getByTestId('moves-table').or(page.getByTestId('moves-empty'))),
    );
    await page.goto('/?view=history');
    results.push(await scan(page, language, 'history', page.getByTestId('history-table')));
    await page.goto('/');
    await page.getByRole('banner').getByRole('button', { name: words.logIn }).click();
    results.push(await scan(page, language, 'login form', page.getByRole('form', { name: words.loginForm })));
    await expect(main).toBeVisible();

    await report(results, testInfo);
  });

  test(`${language}: the planner's and admin's screens have no serious or critical axe violation`, async ({
    page,
    server,
  }, testInfo) => {
    test.setTimeout(120_000);
    await useLanguage(page, language);
    const login = `a11y-admin-${language}`;
    await addUser(server.database, { login: login, name: 'Админ Доступности', role: 'admin' });
    const response = await page.request.post('/trpc/auth.login', { data: { login, password: PASSWORD } });
    expect(response.ok(), await response.text()).toBe(true);
    const results: ScreenResult[] = [];

    await page.goto('/');
    results.push(await scan(page, language, 'timeline (planner)', timelineItems(page).first()));
    await page.getByRole('button', { name: words.importCsv }).click();
    results.push(
      await scan(page, language, 'CSV import dialog', page.getByRole('dialog', { name: words.importDialog })),
    );

    const lithium = await milestoneId(page.request, SEED.lithium2030);
    await page.goto(`/?m=${lithium}`);
    const details = page.getByTestId('milestone-details');
    await details.getByRole('button', { name: words.edit, exact: true }).click();
    results.push(await scan(page, language, 'details: edit form', details.getByRole('form').first()));
    await page.goto('/');
    await page.getByRole('button', { name: words.newMilestone, exact: true }).click();
    results.push(await scan(page, language, 'new milestone form', page.getByRole('form').first()));

    await page.goto('/?view=intake');
    const articleText = page.getByLabel(words.articleText, { exact: true });
    results.push(await scan(page, language, 'intake: paste', articleText));
    await articleText.fill(ARTICLE);
    await page.getByRole('button', { name: words.analyse }).click();
    results.push(await scan(page, language, 'intake: review', page.getByTestId('proposal').first()));

    await page.goto('/?view=users');
    results.push(await scan(page, language, 'users (admin)', page.getByTestId('user-table')));

    await report(results, testInfo);
  });
}
