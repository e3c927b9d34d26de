import { expect, listMilestones, openTimeline, SEED, test, timeline, timelineItem } from './support';

test.describe('language', () => {
  test('English relabels the interface and the data, is remembered after reload, and Русский switches back', async ({
    page,
  }) => {
    await openTimeline(page);
    const english = page.getByRole('button', { name: 'English' });
    const russian = page.getByRole('button', { name: 'Русский' });
    await expect(russian).toHaveAttribute('aria-pressed', 'true');
    await english.click();
    await expect(english).toHaveAttribute('aria-pressed', 'true');
    await expect(russian).toHaveAttribute('aria-pressed', 'false');

    const expectEnglish = async () => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angara-Yenisei Cluster Roadmap');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page).toHaveTitle('Angara-Yenisei Cluster Roadmap');
      const tabs = page.getByRole('navigation', { name: 'View' });
      await expect(tabs.getByRole('button', { name: 'Timeline' })).toBeVisible();
      await expect(tabs.getByRole('button', { name: 'Table' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Status' })).toContainText('Planned');
      await expect(page.getByRole('radio', { name: 'by workstream' })).toBeChecked();
      await expect(timeline(page).locator('.vis-label', { hasText: SEED.energyStorageEn })).toHaveCount(1);
      // Milestone titles switch to their English titles.
      await expect(timelineItem(page, SEED.lithium2030En)).toHaveCount(1);
      await expect(timelineItem(page, SEED.lithium2030)).toHaveCount(0);
      await expect(page.getByTestId('undated-list').getByRole('heading', { name: 'Undated' })).toBeVisible();
    };
    await expectEnglish();

    // The time axis follows: month names in English at the month zoom.
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await expect
      .poll(async () => (await timeline(page).locator('.vis-time-axis .vis-text.vis-minor').allTextContents()).join())
      .toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/);
    // The zoom is part of the shareable link now: back to every item, or the reload shows a month.
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect(page).not.toHaveURL(/zoom=/);

    await page.reload();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('roadmap.language'))).toBe('en');
    await expectEnglish();

    await russian.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дорожная карта Ангаро-Енисейского кластера');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(timelineItem(page, SEED.lithium2030)).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Таймлайн' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дорожная карта Ангаро-Енисейского кластера');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  });

  test('the table and the details panel read in English too', async ({ page, request }) => {
    const count = (await listMilestones(request)).length;
    await page.goto('/?view=table');
    await page.getByRole('button', { name: 'English' }).click();
    const table = page.getByRole('table', { name: 'Roadmap milestones' });
    await expect(table.locator('thead th')).toHaveText([
      'Milestone',
      'Workstream',
      'Region',
      'Status',
      'Date ▲',
      'Sources',
      'Confidence',
      'Participants',
    ]);
    const lithium = table.locator('tbody tr').filter({ hasText: SEED.lithium2030En });
    await expect(lithium.locator('td')).toHaveText([
      SEED.energyStorageEn,
      '',
      'Planned',
      '2030',
      'agree',
      'low: 1 independent source; only an opinion column; the statement is undated',
      '',
    ]);
    await expect(
      table.locator('tbody tr').filter({ hasText: 'roadmap of cooperation' }).locator('td').nth(3),
    ).toHaveText('6 November 2025');
    await expect(page.getByText(`Milestones shown: ${count}`)).toBeVisible();

    await lithium.getByRole('button', { name: SEED.lithium2030En }).click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030En);
    // The Russian original stays visible under the English title.
    await expect(details.locator('.original-title')).toHaveText(SEED.lithium2030);
    await expect(details.locator('.status-badge')).toHaveText('Planned');
    await expect(details.getByTestId('planned-date')).toHaveText('Planned: 2030 (Precision: year)');
    const citation = details.getByTestId('citation').filter({ hasText: SEED.lithiumDateQuote });
    await expect(citation.locator('.citation-publisher')).toHaveText('Publisher not named');
    await expect(details.getByRole('button', { name: 'Close' })).toBeVisible();
  });
});
