import { exactly, expect, milestoneId, openTimeline, SEED, test, timelineItem } from './support';

test.describe('milestone details', () => {
  test('clicking the 2030 item opens its details with status, year-precision date and the quoted source', async ({
    page,
    request,
  }) => {
    const id = await milestoneId(request, SEED.lithium2030);
    await openTimeline(page);
    await timelineItem(page, SEED.lithium2030).click();

    const details = page.getByTestId('milestone-details');
    await expect(details).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]m=${id}(&|$)`));
    const heading = details.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(SEED.lithium2030);
    // Focus lands on the opened milestone for keyboard and screen-reader users.
    await expect(heading).toBeFocused();
    await expect(details.locator('.status-badge')).toHaveText('Запланировано');
    await expect(details.getByTestId('planned-date')).toHaveText('План: 2030 (Точность: год)');
    await expect(details.getByTestId('actual-date')).toHaveCount(0);

    // The quote is the exact sentence of the column, with its source: no publisher is named there.
    const citation = details.getByTestId('citation').filter({ hasText: SEED.lithiumDateQuote });
    await expect(citation).toHaveCount(1);
    await expect(citation.locator('blockquote')).toHaveText(`«${SEED.lithiumDateQuote}»`);
    await expect(citation.locator('.citation-claim')).toHaveText('о сроке');
    await expect(citation.locator('.citation-publisher')).toHaveText('Издатель не указан');
    await expect(citation.locator('cite')).toHaveText(SEED.columnTitle);
    await expect(citation.locator('.citation-date')).toHaveText('дата не указана');
  });

  test('a news source shows its publisher and publication date', async ({ page, request }) => {
    const manturov = await milestoneId(request, SEED.manturov);
    await page.goto(`/?m=${manturov}`);
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.manturov);
    await expect(details.locator('.status-badge').first()).toHaveText('Выполнено');
    await expect(details.getByTestId('actual-date')).toHaveText('Факт: 25 декабря 2025 г.');
    const interfax = details.getByTestId('citation').filter({ hasText: 'Москва. 25 декабря. INTERFAX.RU' });
    await expect(interfax).toHaveCount(1);
    await expect(interfax.locator('.citation-publisher')).toHaveText('Интерфакс');
    await expect(interfax.locator('cite')).toHaveText(SEED.interfaxTitle);
    await expect(interfax.locator('.citation-date')).toHaveText('25 декабря 2025 г.');
    // Participants carry the quotes that name their role.
    const curator = details
      .getByTestId('participant-role')
      .filter({ has: page.locator('strong', { hasText: exactly('Денис Мантуров') }) });
    await expect(curator).toContainText('Денис Мантуров — Куратор');
    await expect(curator.getByTestId('citation')).toContainText(
      'Попечительский совет кластера возглавил первый вице-премьер РФ Денис Мантуров.',
    );

    const initiative = await milestoneId(request, SEED.clusterInitiative);
    await page.goto(`/?m=${initiative}`);
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.clusterInitiative);
    const tass = details.getByTestId('citation').filter({ hasText: 'КРАСНОЯРСК 25 октября. /ТАСС/.' });
    await expect(tass.locator('.citation-publisher')).toHaveText('ТАСС');
    await expect(tass.locator('cite')).toHaveText(SEED.tassTitle);
    await expect(tass.locator('.citation-date')).toHaveText('25 октября 2025 г.');
  });

  test('the open milestone is in the URL: reload keeps it, Escape and the close button close it', async ({
    page,
    request,
  }) => {
    const id = await milestoneId(request, SEED.lithium2030);
    await openTimeline(page);
    await timelineItem(page, SEED.lithium2030).click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
    await expect(page).toHaveURL(new RegExp(`[?&]m=${id}(&|$)`));

    await page.reload();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);

    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]m=/);

    await timelineItem(page, SEED.lithium2030).click();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
    await details.getByRole('button', { name: 'Закрыть' }).click();
    await expect(details).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]m=/);
  });

  test('browser Back closes the panel that a click opened', async ({ page }) => {
    await openTimeline(page);
    const before = page.url();
    await timelineItem(page, SEED.chemPlant2028).click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.chemPlant2028);

    await page.goBack();
    await expect(details).toHaveCount(0);
    expect(page.url()).toBe(before);
    // The chart is still there, and Forward reopens the same milestone.
    await expect(timelineItem(page, SEED.chemPlant2028)).toBeVisible();
    await page.goForward();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.chemPlant2028);
  });

  test('opening the milestone that is already open adds no history entry: one Back still closes it', async ({
    page,
  }) => {
    await openTimeline(page);
    const before = page.url();
    const details = page.getByTestId('milestone-details');
    await timelineItem(page, SEED.chemPlant2028).click();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.chemPlant2028);
    const opened = page.url();
    await timelineItem(page, SEED.chemPlant2028).click();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.chemPlant2028);
    expect(page.url()).toBe(opened);

    await page.goBack();
    await expect(details).toHaveCount(0);
    expect(page.url()).toBe(before);
  });

  test('an undated milestone opens from the undated list', async ({ page, request }) => {
    const id = await milestoneId(request, SEED.patrushev);
    await openTimeline(page);
    await page.getByTestId('undated-list').getByRole('button', { name: SEED.patrushev }).click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.patrushev);
    await expect(page).toHaveURL(new RegExp(`[?&]m=${id}(&|$)`));
    await expect(details.getByText('Без даты', { exact: true })).toBeVisible();
  });
});
