import { axisTexts, box, expect, openTimeline, SEED, test, timeline, timelineItem, visibleWindowDays } from './support';

// Russian month abbreviations as moment's "ru" locale writes them on the axis (MMM).
const RU_MONTH = /^(янв\.|февр?\.|март|апр\.|май|июнь|июль|авг\.|сент?\.|окт\.|нояб?\.|дек\.)$/;
const EN_MONTH = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/;

const PLANNED = [SEED.chemPlant2028, SEED.lithium2030, SEED.aiCentre2032];

test.describe('timeline axis and zoom', () => {
  test('draws a today line, and "Сегодня" centres the chart on it', async ({ page }) => {
    await openTimeline(page);
    const today = timeline(page).locator('.vis-current-time');
    await expect(today).toHaveCount(1);
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    await page.getByRole('button', { name: 'Сегодня', exact: true }).click();
    await expect(async () => {
      const panel = await box(timeline(page).locator('.vis-panel.vis-center'));
      const line = await box(today);
      expect(Math.abs(line.x - (panel.x + panel.width / 2))).toBeLessThan(panel.width * 0.02);
    }).toPass({ timeout: 7_000 });
  });

  test('zoom presets set the visible window to a decade, a year, a quarter and a month', async ({ page }) => {
    await openTimeline(page);
    const presets = [
      { button: 'Десятилетие', days: 3652.5 },
      { button: 'Год', days: 365.25 },
      { button: 'Квартал', days: 91.3 },
      { button: 'Месяц', days: 30.5 },
    ];
    const fitted = await visibleWindowDays(page);
    // The initial view fits the dated milestones: late 2025 to 2033, several years.
    expect(fitted).toBeGreaterThan(5 * 365);
    let previousLabels = await axisTexts(page);
    for (const { button, days } of presets) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(async () => {
        const shown = await visibleWindowDays(page);
        expect(shown, `days shown after «${button}»`).toBeGreaterThan(days * 0.9);
        expect(shown, `days shown after «${button}»`).toBeLessThan(days * 1.1);
      }).toPass({ timeout: 7_000 });
      const labels = await axisTexts(page);
      expect(labels, `axis labels change after «${button}»`).not.toEqual(previousLabels);
      previousLabels = labels;
    }
    // A decade is labelled in years, a month in months (or days): never years alone.
    expect(previousLabels.some((t) => /^\d{4}$/.test(t) === false)).toBe(true);
    await page.getByRole('button', { name: 'Десятилетие', exact: true }).click();
    await expect.poll(async () => (await axisTexts(page)).every((t) => /^\d{4}$/.test(t))).toBe(true);
    // "Всё" fits every dated milestone again.
    await page.getByRole('button', { name: 'Всё', exact: true }).click();
    await expect.poll(() => visibleWindowDays(page)).toBeCloseTo(fitted!, -1);
    for (const title of PLANNED) await expect(timelineItem(page, title)).toBeVisible();
  });

  test('the time axis speaks the interface language: Russian month names, English after switching', async ({
    page,
  }) => {
    // Fails while the ru locale is registered on a second copy of moment (see the e2e report).
    await openTimeline(page);
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    await expect.poll(() => axisTexts(page)).toContainEqual(expect.stringMatching(RU_MONTH));
    expect((await axisTexts(page)).filter((t) => EN_MONTH.test(t))).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await expect.poll(() => axisTexts(page)).toContainEqual(expect.stringMatching(EN_MONTH));
    expect((await axisTexts(page)).filter((t) => RU_MONTH.test(t))).toEqual([]);

    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('button', { name: 'Месяц', exact: true }).click();
    await expect.poll(() => axisTexts(page)).toContainEqual(expect.stringMatching(RU_MONTH));
  });
});
