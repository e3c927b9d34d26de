import {
  axisLabelX,
  box,
  expect,
  listMilestones,
  openTimeline,
  SEED,
  test,
  timeline,
  timelineItem,
  timelineItems,
} from './support';

const PLANNED_BY_YEAR = [
  { year: 2028, title: SEED.chemPlant2028 },
  { year: 2030, title: SEED.lithium2030 },
  { year: 2032, title: SEED.aiCentre2032 },
] as const;

test.describe('timeline', () => {
  test('opens in Russian with the planned 2028, 2030 and 2032 milestones drawn inside their years', async ({
    page,
  }) => {
    await openTimeline(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дорожная карта Ангаро-Енисейского кластера');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

    for (const { year, title } of PLANNED_BY_YEAR) {
      const item = timelineItem(page, title);
      await expect(item).toHaveCount(1);
      // Year precision: a range over the whole year, drawn as approximate, not a point on 1 January.
      await expect(item).toHaveClass(/\bvis-range\b/);
      await expect(item).toHaveClass(/\bapproximate\b/);
      await expect(item).toHaveClass(/\bstatus-planned\b/);
      await expect(async () => {
        const start = await axisLabelX(page, String(year));
        const end = await axisLabelX(page, String(year + 1));
        const drawn = await box(item);
        expect(drawn.x, `${year} item starts in ${year}`).toBeGreaterThanOrEqual(start - 2);
        expect(drawn.x + drawn.width, `${year} item ends by ${year + 1}`).toBeLessThanOrEqual(end + 2);
        // and it covers the year rather than a day of it
        expect(drawn.width, `${year} item spans the year`).toBeGreaterThan((end - start) * 0.9);
      }).toPass({ timeout: 7_000 });
    }
  });

  test('a reached day-precision event is an exact point on its day, not a fuzzy range', async ({ page }) => {
    await openTimeline(page);
    const meeting = timelineItem(page, SEED.shoiguMeeting);
    await expect(meeting).toHaveCount(1);
    await expect(meeting).toHaveClass(/\bvis-point\b/);
    await expect(meeting).toHaveClass(/\bstatus-done\b/);
    await expect(meeting).not.toHaveClass(/\bapproximate\b/);
    // 6 November 2025 lies between the 2025 and 2026 ticks, in the last fifth of the year.
    await expect(async () => {
      const start = await axisLabelX(page, '2025');
      const end = await axisLabelX(page, '2026');
      const drawn = await box(meeting);
      expect(drawn.x).toBeGreaterThan(start + (end - start) * 0.8);
      expect(drawn.x).toBeLessThan(end);
    }).toPass({ timeout: 7_000 });
  });

  test('hovering an item shows a tooltip with its title, date and status', async ({ page }) => {
    await openTimeline(page);
    await timelineItem(page, SEED.lithium2030).hover();
    const tooltip = page.locator('.vis-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(SEED.lithium2030);
    await expect(tooltip).toContainText('2030');
    await expect(tooltip).toContainText('Запланировано');
  });

  // vis-timeline's stylesheet arrives with the lazy timeline chunk, after the app's: rules of the
  // same weight would lose to it, and items, tooltips and the today line would wear its defaults.
  test("the app's look wins over vis-timeline's defaults: status colours, wrapped tooltips, the red today line", async ({
    page,
  }) => {
    await openTimeline(page);
    const dot = timelineItem(page, SEED.shoiguMeeting).locator('.vis-dot');
    await expect(dot).toHaveCSS('border-top-color', 'rgb(75, 85, 99)');
    await expect(page.locator('.vis-current-time')).toHaveCSS('background-color', 'rgb(225, 29, 72)');
    await timelineItem(page, SEED.lithium2030).hover();
    const tooltip = page.locator('.vis-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toHaveCSS('white-space', 'normal');
    expect((await box(tooltip)).width).toBeLessThanOrEqual(24 * 16 + 1);
  });

  test('lanes are workstreams; switching to participants relabels them and puts an item in each of its lanes', async ({
    page,
  }) => {
    await openTimeline(page);
    const lanes = timeline(page).locator('.vis-labelset .vis-label');
    const energyLane = lanes.filter({ hasText: SEED.energyStorage });
    await expect(energyLane).toHaveCount(1);
    // The lithium hydroxide milestone is drawn in its workstream's lane.
    await expect(async () => {
      const lane = await box(energyLane);
      const item = await box(timelineItem(page, SEED.lithium2030));
      const middle = item.y + item.height / 2;
      expect(middle).toBeGreaterThan(lane.y);
      expect(middle).toBeLessThan(lane.y + lane.height);
    }).toPass({ timeout: 7_000 });

    await page.getByRole('radio', { name: 'по участникам' }).check();
    await expect(page).toHaveURL(/[?&]lanes=participant\b/);
    await expect(lanes.filter({ hasText: SEED.energyStorage })).toHaveCount(0);
    await expect(lanes.filter({ hasText: 'Совет безопасности Российской Федерации' })).toHaveCount(1);
    await expect(lanes.filter({ hasText: '«Красцветмет»' })).toHaveCount(1);
    await expect(lanes.filter({ hasText: 'Не указано' })).toHaveCount(1);
    // The Shoigu meeting has four participants: it is drawn once in each of their lanes.
    await expect(timelineItem(page, SEED.shoiguMeeting)).toHaveCount(4);

    await page.reload();
    await expect(page.getByRole('radio', { name: 'по участникам' })).toBeChecked();
    await expect(lanes.filter({ hasText: 'Совет безопасности Российской Федерации' })).toHaveCount(1);

    await page.getByRole('radio', { name: 'по направлениям' }).check();
    await expect(lanes.filter({ hasText: SEED.energyStorage })).toHaveCount(1);
    await expect(timelineItem(page, SEED.shoiguMeeting)).toHaveCount(1);
  });

  test('undated milestones are listed beside the chart and not drawn on it', async ({ page, request }) => {
    await openTimeline(page);
    const undated = page.getByTestId('undated-list');
    await expect(undated.getByRole('heading', { name: 'Без даты' })).toBeVisible();
    for (const title of [SEED.patrushev, SEED.kseniaShoigu]) {
      await expect(undated.getByRole('button', { name: title, exact: true })).toBeVisible();
      await expect(timelineItem(page, title)).toHaveCount(0);
    }

    // Every milestone of the list is either drawn or listed undated, never both, never neither.
    const all = await listMilestones(request);
    const dated = all.filter((m) => m.actualDate || m.plannedStart).map((m) => m.title);
    const withoutDate = all.filter((m) => !m.actualDate && !m.plannedStart).map((m) => m.title);
    await expect(page.getByText(`Показано вех: ${all.length}`)).toBeVisible();
    await expect(timelineItems(page)).toHaveCount(dated.length);
    expect((await timelineItems(page).allTextContents()).map((t) => t.trim()).sort()).toEqual([...dated].sort());
    expect((await undated.getByRole('listitem').getByRole('button').allTextContents()).sort()).toEqual(
      [...withoutDate].sort(),
    );
  });
});
