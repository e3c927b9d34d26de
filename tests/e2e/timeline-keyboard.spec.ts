import type { Page } from '@playwright/test';
import { box, escapeRegExp, expect, SEED, test, timeline, timelineItems, visibleWindowDays } from './support';

/**
 * The chart from the keyboard alone: Tab reaches an item, the arrow keys walk the items (left
 * and right in time within a lane, up and down across lanes), each item is a button named by
 * its title, date and status, Enter opens the details and Escape brings focus back to the item.
 * The seeded lanes with dated items, top to bottom: the chemical plant (2028), lithium (2030),
 * the AI centre (2032), and governance with four reached dates from October to December 2025.
 */

const GOVERNANCE = [
  SEED.clusterInitiative,
  SEED.shoiguMeeting,
  'Прямая линия: заинтересовать компании в инвестициях в кластер и оказать им господдержку',
  SEED.manturov,
];

function focused(page: Page) {
  return page.locator(':focus');
}

/** The focused element is the chart item of this milestone: a button whose name starts with its title. */
async function expectFocusOn(page: Page, title: string): Promise<void> {
  await expect(focused(page)).toHaveRole('button');
  await expect(focused(page)).toHaveAccessibleName(new RegExp(`^${escapeRegExp(title)}\\. `));
  // It is the drawn item, not some other button of that name.
  await expect(timelineItems(page).and(focused(page))).toHaveCount(1);
}

/** Tab from the zoom buttons until focus enters the chart; it must take only a few presses. */
async function tabIntoChart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Сегодня', exact: true }).focus();
  for (let presses = 0; presses < 4; presses++) {
    await page.keyboard.press('Tab');
    // The chart is one tab stop that hands focus on to an item, once drawn where it can be seen.
    if (await timeline(page).and(page.locator(':focus-within')).count()) {
      await expect(timeline(page).locator('.vis-item:focus')).toHaveCount(1);
      return;
    }
  }
  throw new Error(
    `Tab did not reach a chart item; focus is on ${await focused(page).evaluate((el) => el.outerHTML.slice(0, 200))}`,
  );
}

test.describe('timeline from the keyboard', () => {
  test('Tab reaches an item named by title, date and status; arrows walk lanes and time; Enter opens, Escape returns', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(timelineItems(page).first()).toBeVisible();
    const details = page.getByTestId('milestone-details');

    // In: the first item of the top lane that has one.
    await tabIntoChart(page);
    await expectFocusOn(page, SEED.chemPlant2028);
    await expect(focused(page)).toHaveAccessibleName(
      new RegExp(`^${escapeRegExp(SEED.chemPlant2028)}\\. 2028\\. Запланировано\\. Уверенность в сроке: низкая`),
    );

    // Down the lanes: each time to the item nearest in time in the next lane with items.
    await page.keyboard.press('ArrowDown');
    await expectFocusOn(page, SEED.lithium2030);
    await page.keyboard.press('ArrowDown');
    await expectFocusOn(page, SEED.aiCentre2032);
    await page.keyboard.press('ArrowDown');
    await expectFocusOn(page, GOVERNANCE[3]!);
    // Along the lane, back in time, and no further than its first item.
    for (const title of [GOVERNANCE[2]!, GOVERNANCE[1]!, GOVERNANCE[0]!, GOVERNANCE[0]!]) {
      await page.keyboard.press('ArrowLeft');
      await expectFocusOn(page, title);
    }
    await page.keyboard.press('ArrowRight');
    await expectFocusOn(page, GOVERNANCE[1]!);
    await page.keyboard.press('End');
    await expectFocusOn(page, GOVERNANCE[3]!);
    await page.keyboard.press('Home');
    await expectFocusOn(page, GOVERNANCE[0]!);
    await page.keyboard.press('ArrowUp');
    await expectFocusOn(page, SEED.aiCentre2032);

    // Enter opens the details, which take focus; Escape closes them and focus is back on the item.
    await page.keyboard.press('Enter');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.aiCentre2032);
    await expect(details.getByRole('heading', { level: 2 })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    await expectFocusOn(page, SEED.aiCentre2032);

    // The close button does the same.
    await page.keyboard.press(' ');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.aiCentre2032);
    await details.getByRole('button', { name: 'Закрыть' }).click();
    await expect(details).toHaveCount(0);
    await expectFocusOn(page, SEED.aiCentre2032);

    // Shift+Tab leaves the chart (one tab stop, not one per item), Tab comes back to the same item.
    await page.keyboard.press('Shift+Tab');
    await expect(timeline(page).locator(':focus')).toHaveCount(0);
    await expect(focused(page)).not.toHaveCount(0);
    await page.keyboard.press('Tab');
    await expectFocusOn(page, SEED.aiCentre2032);
    await page.keyboard.press('Tab');
    await expect(timeline(page).locator(':focus')).toHaveCount(0);
  });

  test('an item out of view is scrolled into the chart when the keyboard moves to it', async ({ page }) => {
    await page.goto('/');
    await expect(timelineItems(page).first()).toBeVisible();
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    await tabIntoChart(page);
    await expectFocusOn(page, SEED.chemPlant2028);

    const expectInView = async (title: string) => {
      await expectFocusOn(page, title);
      const centre = await box(timeline(page).locator('.vis-panel.vis-center'));
      await expect(async () => {
        const item = await box(focused(page));
        // The item (a whole year, wider than the month shown) covers the middle of the chart.
        expect(item.x).toBeLessThan(centre.x + centre.width / 2);
        expect(item.x + item.width).toBeGreaterThan(centre.x + centre.width / 2);
        expect(item.y).toBeGreaterThanOrEqual(centre.y - 1);
        expect(item.y + item.height).toBeLessThanOrEqual(centre.y + centre.height + 1);
      }).toPass();
    };
    await expectInView(SEED.chemPlant2028);
    await page.keyboard.press('ArrowDown');
    await expectInView(SEED.lithium2030);
    // Still a month wide: moving to an item does not zoom.
    await expect.poll(() => visibleWindowDays(page)).toBeLessThan(40);
  });

  test('down through many lanes, the chart scrolls down with the focused item', async ({ page }) => {
    // By participant, on a low screen, there are more lanes than the chart has height for.
    await page.setViewportSize({ width: 1400, height: 450 });
    await page.goto('/?lanes=participant');
    await expect(timelineItems(page).first()).toBeVisible();
    const centre = timeline(page).locator('.vis-panel.vis-center');
    const lanes = timeline(page).locator('.vis-panel.vis-left .vis-content');
    expect((await box(lanes)).height, 'the lanes are taller than the chart').toBeGreaterThan(
      (await box(centre)).height,
    );
    const firstLane = timeline(page).locator('.vis-panel.vis-left .vis-label').first();
    const firstLaneAtStart = await box(firstLane);
    await tabIntoChart(page);
    // Items are told apart by their place, not their name: a milestone sits in each of its participants' lanes.
    const ids: string[] = [];
    const focusedId = async () => (await focused(page).getAttribute('data-item-id')) ?? '';
    for (let step = 0; step < 60; step++) {
      const id = await focusedId();
      ids.push(id);
      const name = await focused(page).getAttribute('aria-label');
      await expect(async () => {
        const panel = await box(centre);
        const item = await box(focused(page));
        expect(item.y, `${name} below the top of the chart`).toBeGreaterThanOrEqual(panel.y - 1);
        expect(item.y + item.height, `${name} above the bottom of the chart`).toBeLessThanOrEqual(
          panel.y + panel.height + 1,
        );
      }).toPass();
      await page.keyboard.press('ArrowDown');
      // An item in a lane out of view is focused once drawn, a few frames later (vis-timeline
      // scrolls down to it in an animation): the lanes end where focus stays put.
      const moved = await expect
        .poll(async () => ![id, ''].includes(await focusedId()), { timeout: 2_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      if (!moved) break;
    }
    expect(ids.length, 'the keyboard went down through the lanes').toBeGreaterThan(5);
    // The last lane's item is in view: the chart scrolled down to it, the first lane moved up.
    await expect(timelineItems(page).and(focused(page))).toBeInViewport();
    expect((await box(firstLane)).y).toBeLessThan(firstLaneAtStart.y - 10);
  });

  test('in English the items are named in English', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('roadmap.language', 'en'));
    await page.goto('/');
    await expect(timelineItems(page).first()).toBeVisible();
    await expect(
      timeline(page).getByRole('button', { name: new RegExp(`^${escapeRegExp(SEED.lithium2030En)}\\. 2030.*Planned`) }),
    ).toHaveCount(1);
    await expect(timeline(page)).toHaveAccessibleName('Milestone chart');
  });
});
