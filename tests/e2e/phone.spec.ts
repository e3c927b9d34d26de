import type { Locator, Page } from '@playwright/test';
import { addUser, expect, logInAs, PASSWORD, test } from './fixtures/isolated-server';
import { axisTexts, box, milestoneId, SEED, timeline, timelineItem, timelineItems } from './support';

/**
 * Every screen at a phone's viewport (390 × 844, an ordinary phone held upright): nothing
 * pushes the page wider than the screen (no sideways scrolling of the whole page), a wide table
 * scrolls inside its own box, and the timeline draws bars and an axis in a chart of real width.
 */

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/**
 * The page is no wider than the screen: the document cannot be scrolled sideways, and no
 * visible element reaches past the right edge (named, so a failure says which one).
 */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  await expect(async () => {
    const found = await page.evaluate(() => {
      const doc = document.documentElement;
      const width = doc.clientWidth;
      const sticking: string[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
        // Inside a box that scrolls or clips on its own: the page does not widen.
        let clipped = false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          const overflowX = getComputedStyle(up).overflowX;
          if (overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) {
            clipped = true;
            break;
          }
        }
        if (!clipped && getComputedStyle(el).position !== 'fixed') {
          sticking.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
        }
      }
      return { scrollWidth: doc.scrollWidth, clientWidth: width, sticking: sticking.slice(0, 8) };
    });
    expect(found.sticking, `${screen}: elements past the right edge of a ${found.clientWidth}px screen`).toEqual([]);
    expect(found.scrollWidth, `${screen}: the page scrolls sideways`).toBeLessThanOrEqual(found.clientWidth);
  }).toPass({ timeout: 7_000 });
}

function tab(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name, exact: true });
}

/** The chart has room: the time panel is most of the chart's width, not squeezed out by the lane labels. */
async function expectChartWithBars(page: Page): Promise<void> {
  await expect(timelineItems(page).first()).toBeVisible();
  await expect(async () => {
    const chart = await box(timeline(page));
    const centre = await box(timeline(page).locator('.vis-panel.vis-center'));
    const labels = await box(timeline(page).locator('.vis-panel.vis-left'));
    expect(centre.width, 'the time panel has a real width').toBeGreaterThan(chart.width * 0.55);
    expect(labels.width, 'the lane labels take less than half the chart').toBeLessThan(chart.width * 0.45);
    // A bar is drawn inside the visible time panel.
    const bar = await box(timelineItem(page, SEED.lithium2030));
    expect(bar.width).toBeGreaterThan(0);
    expect(bar.x + bar.width).toBeGreaterThan(centre.x);
    expect(bar.x).toBeLessThan(centre.x + centre.width);
    expect(await axisTexts(page), 'the axis is labelled').not.toEqual([]);
  }).toPass({ timeout: 7_000 });
}

test.describe('on a phone (390 × 844)', () => {
  test('a reader: timeline with bars and an axis, table scrolling in its box, details, sources, participants, moves, history, login form', async ({
    page,
    request,
  }, testInfo) => {
    await page.goto('/');
    await expectChartWithBars(page);
    await expectNoSidewaysScroll(page, 'timeline');
    // The filters wrap onto lines of their own within the screen.
    const filters = await box(page.locator('.filter-bar'));
    expect(filters.x + filters.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: testInfo.outputPath('timeline.png'), fullPage: true });

    // Other zoom presets keep bars and axis in a chart of the same width.
    await page.getByRole('button', { name: 'Год', exact: true }).click();
    await expect.poll(() => axisTexts(page)).not.toEqual([]);
    await expectNoSidewaysScroll(page, 'timeline, year zoom');

    await tab(page, 'Таблица').click();
    const table = page.getByRole('table', { name: 'Вехи дорожной карты' });
    await expect(table).toBeVisible();
    await expectNoSidewaysScroll(page, 'table');
    // The table is wider than the phone: it scrolls within its own box, which fits the screen.
    const wrap = page.locator('.table-wrap').filter({ has: table });
    const scroll = await wrap.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      right: el.getBoundingClientRect().right,
      overflowX: getComputedStyle(el).overflowX,
    }));
    expect(scroll.right).toBeLessThanOrEqual(PHONE.width);
    expect(['auto', 'scroll']).toContain(scroll.overflowX);
    // And says so: a line above it, and a shadow on the edge that hides more, until the end.
    const hint = page.getByText('Таблица шире экрана: листайте её вбок');
    await expect(hint).toBeVisible();
    const edges = page.getByTestId('table-scroll').filter({ has: table });
    await expect(edges).toHaveClass(/more-right/);
    await expect(edges).not.toHaveClass(/more-left/);
    expect(await edges.evaluate((el) => getComputedStyle(el, '::after').opacity)).toBe('1');
    await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(edges).toHaveClass(/more-left/);
    await expect(edges).not.toHaveClass(/more-right/);
    await wrap.evaluate((el) => el.scrollTo({ left: 0 }));
    await expect(edges).not.toHaveClass(/more-left/);
    await page.screenshot({ path: testInfo.outputPath('table.png'), fullPage: true });

    const lithium = await milestoneId(request, SEED.lithium2030);
    await page.goto(`/?m=${lithium}`);
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { name: SEED.lithium2030 })).toBeVisible();
    await expectNoSidewaysScroll(page, 'details');
    const panel = await box(details);
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: testInfo.outputPath('details.png'), fullPage: true });
    await details.getByRole('button', { name: 'Закрыть' }).click();
    await expect(details).toHaveCount(0);

    for (const [name, view] of [
      ['Источники', 'sources'],
      ['Участники', 'participants'],
      ['Переносы сроков', 'moves'],
      ['История', 'history'],
    ] as const) {
      await tab(page, name).click();
      await expect(page).toHaveURL(new RegExp(`view=${view}\\b`));
      await expect(page.locator('main').locator('table, h2').first()).toBeVisible();
      await expectNoSidewaysScroll(page, name);
      await page.screenshot({ path: testInfo.outputPath(`${view}.png`), fullPage: true });
    }

    await page.getByRole('button', { name: 'Войти' }).click();
    const login = page.getByRole('form', { name: 'Вход для плановиков' });
    await expect(login).toBeVisible();
    await expectNoSidewaysScroll(page, 'login form');
    const form = await box(login);
    expect(form.x + form.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: testInfo.outputPath('login.png'), fullPage: true });
  });

  test('a planner and an admin: the timeline with its planner controls, the intake, the users', async ({
    page,
    server,
  }, testInfo) => {
    await logInAs(page, 'anna');
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Новая веха' })).toBeVisible();
    await expectChartWithBars(page);
    await expectNoSidewaysScroll(page, 'timeline of a planner');

    await tab(page, 'Разбор статей').click();
    await expect(page).toHaveURL(/view=intake\b/);
    await expect(page.locator('main textarea').first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'intake');
    await page.screenshot({ path: testInfo.outputPath('intake.png'), fullPage: true });

    await page.getByRole('button', { name: 'Новая веха' }).click();
    await expect(page.getByRole('form').first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'new milestone form');

    await addUser(server.database, { login: 'phone-admin', name: 'Админ Телефонов', role: 'admin' });
    const response = await page.request.post('/trpc/auth.login', {
      data: { login: 'phone-admin', password: PASSWORD },
    });
    expect(response.ok()).toBe(true);
    await page.goto('/?view=users');
    await expect(page.locator('main').getByRole('table').first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'users');
    await page.screenshot({ path: testInfo.outputPath('users.png'), fullPage: true });
  });
});
