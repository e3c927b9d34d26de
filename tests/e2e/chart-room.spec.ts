import type { Locator, Page } from '@playwright/test';
import {
  axisTexts,
  box,
  expect,
  openTimeline,
  SEED,
  test,
  timeline,
  timelineItem,
  timelineItems,
  visibleWindowDays,
} from './support';

/**
 * Room for the chart: the lane names take a narrow column the reader may widen or hide, the
 * details panel does not squeeze the chart, and every label is drawn whole inside the chart.
 */

function panel(page: Page, side: 'left' | 'center'): Locator {
  return timeline(page).locator(`.vis-panel.vis-${side}`);
}

function lane(page: Page, name: string): Locator {
  return timeline(page).locator('.vis-labelset .vis-label').filter({ hasText: name });
}

/** The labels of the items drawn in the chart (not the spans of disputed dates behind them). */
function itemLabels(page: Page): Locator {
  return timeline(page).locator('.vis-foreground .vis-item:not(.vis-background) .vis-item-content');
}

/**
 * Each label in sight that reaches past the chart's left or right edge, with how far, in
 * pixels (vis-timeline also keeps items just out of sight in the page; those are not cut).
 */
async function clippedLabels(page: Page): Promise<string[]> {
  const bounds = await box(panel(page, 'center'));
  const labels = await itemLabels(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: r.left, right: r.right };
    }),
  );
  const [left, right] = [bounds.x, bounds.x + bounds.width];
  return labels
    .filter((l) => l.right > left && l.left < right)
    .filter((l) => l.left < left - 1 || l.right > right + 1)
    .map((l) => `${l.text}: ${Math.round(l.left - bounds.x)}…${Math.round(l.right - bounds.x - bounds.width)}`);
}

/**
 * Every label of the axis above the chart, minor and major: at a month's zoom "июнь", "июль",
 * "2030", or day numbers under "июль 2030", depending on the chart's width.
 */
async function allAxisTexts(page: Page): Promise<string> {
  return (await timeline(page).locator('.vis-panel.vis-top .vis-time-axis .vis-text').allTextContents()).join(' ');
}

test.describe('room for the chart', () => {
  test('lane names take a narrow column, wrap with the full name on hover, and can be hidden or widened; the choice is remembered', async ({
    page,
  }) => {
    await openTimeline(page);
    const chart = await box(timeline(page));
    await expect(async () => {
      const labels = await box(panel(page, 'left'));
      expect(labels.width, 'the lane names take a narrow column').toBeLessThanOrEqual(200);
      expect((await box(panel(page, 'center'))).width).toBeGreaterThan(chart.width * 0.8);
    }).toPass();
    // A long workstream name wraps over lines of its own, and says itself in full on hover.
    const energy = lane(page, SEED.energyStorage).locator('.lane-label');
    await expect(energy).toHaveAttribute('title', SEED.energyStorage);
    const lineHeight = await energy.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
    expect((await box(energy)).height).toBeGreaterThan(lineHeight * 1.5);

    await page.getByRole('button', { name: 'Скрыть названия дорожек' }).click();
    await expect(page.getByRole('button', { name: 'Показать названия дорожек' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(async () => {
      expect((await box(panel(page, 'left'))).width).toBeLessThan(20);
      expect((await box(panel(page, 'center'))).width).toBeGreaterThan(chart.width * 0.95);
    }).toPass();
    await page.reload();
    await expect(timelineItems(page).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Показать названия дорожек' })).toBeVisible();
    await expect.poll(async () => (await box(panel(page, 'left'))).width).toBeLessThan(20);

    await page.getByRole('button', { name: 'Показать названия дорожек' }).click();
    const width = page.getByRole('slider', { name: 'Ширина названий' });
    await width.focus();
    await page.keyboard.press('End');
    await expect.poll(async () => (await box(panel(page, 'left'))).width).toBeGreaterThan(250);
    await page.reload();
    await expect(timelineItems(page).first()).toBeVisible();
    await expect(width).toHaveValue('25');
    await expect.poll(async () => (await box(panel(page, 'left'))).width).toBeGreaterThan(250);
    await width.focus();
    await page.keyboard.press('Home');
    await expect.poll(async () => (await box(panel(page, 'left'))).width).toBeLessThan(100);
  });

  for (const viewport of [
    { width: 1400, height: 900 },
    { width: 1180, height: 820 },
  ]) {
    test(`at ${viewport.width} px the details panel leaves the chart most of the screen`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openTimeline(page);
      const before = await box(panel(page, 'center'));
      await timelineItem(page, SEED.lithium2030).click();
      await expect(page.getByTestId('milestone-details').getByRole('heading', { level: 2 })).toHaveText(
        SEED.lithium2030,
      );
      await expect(async () => {
        const after = await box(panel(page, 'center'));
        // Not crushed to a third: half the screen beside a column, all of it under an overlay.
        expect(after.width).toBeGreaterThan(viewport.width * (viewport.width >= 1280 ? 0.45 : 0.8));
        expect(after.width).toBeGreaterThan(before.width * 0.5);
      }).toPass();
    });
  }

  test('"Всё" fits every item with its whole label, at a desktop and at a phone width', async ({ page }) => {
    await openTimeline(page);
    await expect.poll(() => clippedLabels(page), 'the first view').toEqual([]);
    await page.getByRole('button', { name: 'Год', exact: true }).click();
    await page.getByRole('button', { name: 'Всё', exact: true }).click();
    await expect.poll(() => clippedLabels(page), 'after «Всё»').toEqual([]);
    for (const title of [SEED.chemPlant2028, SEED.lithium2030, SEED.aiCentre2032, SEED.shoiguMeeting]) {
      await expect(timelineItem(page, title)).toBeVisible();
    }
  });

  test("a label is not cut at the chart's right edge: it is moved in to end there", async ({ page }) => {
    await openTimeline(page);
    await page.getByRole('button', { name: 'Десятилетие', exact: true }).click();
    // Pan the chart (drag its axis) until the lithium bar starts 60 px before the right edge.
    const item = timelineItem(page, SEED.lithium2030);
    const centre = await box(panel(page, 'center'));
    const axis = await box(timeline(page).locator('.vis-panel.vis-top'));
    const startX = (await box(item)).x;
    const shift = centre.x + centre.width - 60 - startX;
    const [x, y] = [axis.x + axis.width / 2, axis.y + axis.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(x + (shift * step) / 10, y);
    await page.mouse.up();
    await expect(async () => {
      const bar = await box(item);
      expect(Math.abs(bar.x - (centre.x + centre.width - 60))).toBeLessThan(10);
      const label = await box(item.locator('.vis-item-content'));
      expect(label.width, 'the label is wider than the bar left in sight').toBeGreaterThan(100);
      expect(label.x + label.width).toBeLessThanOrEqual(centre.x + centre.width + 1);
      expect(label.x).toBeGreaterThanOrEqual(centre.x - 1);
    }).toPass();
    expect(await clippedLabels(page)).toEqual([]);
  });

  test('"Месяц" centres on today, or on the selected milestone', async ({ page }) => {
    await openTimeline(page);
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    const today = timeline(page).locator('.vis-current-time');
    await expect(async () => {
      const centre = await box(panel(page, 'center'));
      const line = await box(today);
      expect(Math.abs(line.x - (centre.x + centre.width / 2))).toBeLessThan(centre.width * 0.02);
    }).toPass();

    await page.getByRole('button', { name: 'Всё', exact: true }).click();
    await timelineItem(page, SEED.lithium2030).click();
    await expect(timelineItem(page, SEED.lithium2030)).toHaveClass(/\bvis-selected\b/);
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    // The middle of 2030 (the milestone is planned for the year): late June to mid July 2030.
    await expect.poll(() => allAxisTexts(page)).toMatch(/(июнь|июль).*2030/);
    await expect.poll(() => visibleWindowDays(page)).toBeLessThan(40);
  });

  test('"Следующие 12 месяцев" shows the year from today, in Russian and in English', async ({ page }) => {
    await openTimeline(page);
    const today = timeline(page).locator('.vis-current-time');
    const check = async () => {
      await expect(async () => {
        const days = await visibleWindowDays(page);
        expect(days).toBeGreaterThan(365 * 0.95);
        expect(days).toBeLessThan(380 * 1.05);
        const centre = await box(panel(page, 'center'));
        const line = await box(today);
        // Today at the left, a week in: the year ahead fills the chart.
        expect(line.x - centre.x).toBeGreaterThan(0);
        expect(line.x - centre.x).toBeLessThan(centre.width * 0.05);
      }).toPass();
    };
    await page.getByRole('button', { name: 'Следующие 12 месяцев', exact: true }).click();
    await check();
    expect(await axisTexts(page)).not.toEqual([]);

    await page.getByRole('button', { name: 'Всё', exact: true }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Next 12 months', exact: true }).click();
    await check();
    await expect(page.getByRole('button', { name: 'Hide lane names' })).toBeVisible();
  });
});
