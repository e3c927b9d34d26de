import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, logInAs, PASSWORD, test, yearScale } from './fixtures/isolated-server';
import { box, milestoneId, SEED, timeline, timelineItem } from './support';

/**
 * What the sources say (issue 10): the claims side by side, a 2031 claim added to the 2030
 * lithium milestone, the disagreement on the timeline, in the table and the filter, 2031 made
 * current with a reason, the promise chart's step, the confidence's reasons, the moves view and
 * the track record's links — in Russian at 1440 px, and in English at 390 px.
 */

const ARTICLE = {
  publisher: 'Интерфакс-Сибирь',
  title: 'Запуск переработки лития на Тастыге перенесён на 2031 год',
  publishedOn: '2026-10-15',
  quote: 'Переработку рудного концентрата Тастыгского месторождения планируют начать в 2031 году.',
};
const MAKE_CURRENT_REASON = 'Свежее сообщение информагентства важнее колонки без даты';

interface TrpcResult<T> {
  result: { data: T };
}

async function call<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as TrpcResult<T>).result.data;
}

interface Details {
  version: number;
  claims: { id: number; rank: string; planned: { start: string } | null }[];
}

async function details(request: APIRequestContext, id: number): Promise<Details> {
  const response = await request.get(`/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  return ((await response.json()) as TrpcResult<Details>).result.data;
}

/** A year claim from a new source, then (optionally) made current: what a planner does in two steps. */
async function claimYear(
  request: APIRequestContext,
  id: number,
  year: number,
  { current, publishedOn = '2026-06-01' }: { current: boolean; publishedOn?: string },
): Promise<number> {
  const added = await call<{ id: number; version: number }>(request, 'claim.add', {
    milestoneId: id,
    version: (await details(request, id)).version,
    reason: `Источник называет ${year} год`,
    citation: {
      newSource: {
        title: `Сообщение о сроке ${year}`,
        publisher: `Агентство ${year}`,
        publishedOn,
        kind: 'news_agency',
      },
      quote: `Запуск намечен на ${year} год.`,
    },
    planned: { start: `${year}-01-01`, end: `${year}-12-31`, precision: 'year', qualifier: 'exact' },
  });
  if (current) {
    await call(request, 'claim.setRank', {
      milestoneId: id,
      version: added.version,
      claimId: added.id,
      rank: 'current',
      reason: `Принят срок ${year}`,
    });
  }
  return added.id;
}

function claimRows(details: Locator): Locator {
  return details.getByTestId('claims-table').locator('tbody tr.claim-row');
}

async function openLithium(page: Page): Promise<Locator> {
  const id = await milestoneId(page.request, SEED.lithium2030);
  await page.goto(`/?m=${id}`);
  const panel = page.getByTestId('milestone-details');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
  return panel;
}

test.describe('what the sources say', () => {
  test('a viewer reads the claims side by side, each quote one click away, and the confidence with its reasons', async ({
    page,
  }) => {
    // The timeline's tooltip gives the confidence with its reasons (it shows 500 ms after the mouse stops).
    await page.clock.install();
    await page.goto('/');
    await timelineItem(page, SEED.lithium2030).hover();
    await page.clock.fastForward(500);
    await expect(page.locator('.vis-tooltip .tooltip-confidence')).toHaveText(
      'Уверенность в сроке: низкая — 1 независимый источник; только мнение автора колонки; заявление без даты',
    );
    const panel = await openLithium(page);
    const section = panel.getByTestId('sources-say');
    await expect(section.getByRole('heading', { name: 'Что говорят источники' })).toBeVisible();
    const rows = claimRows(panel);
    await expect(rows).toHaveCount(1);
    const row = rows.first();
    await expect(row).toHaveAttribute('data-rank', 'current');
    await expect(row.getByRole('rowheader')).toContainText(SEED.columnTitle);
    await expect(row.getByRole('rowheader')).toContainText('Издатель не указан · мнение, колонка');
    await expect(row.getByRole('rowheader')).toContainText('Сказано: без даты');
    await expect(row.getByTestId('claim-says')).toHaveText('2030');
    await expect(row.getByTestId('claim-rank')).toHaveText('★ текущее');
    await expect(section.getByTestId('claims-conflict')).toHaveCount(0);

    await expect(panel.getByTestId('claim-quote')).toHaveCount(0);
    await row.getByRole('button', { name: 'Цитата' }).click();
    await expect(panel.getByTestId('claim-quote')).toHaveText(`«${SEED.lithiumDateQuote}»`);
    await row.getByRole('button', { name: 'Скрыть цитату' }).click();
    await expect(panel.getByTestId('claim-quote')).toHaveCount(0);

    const confidence = section.getByTestId('details-confidence');
    await expect(confidence.getByTestId('confidence')).toHaveAttribute('data-level', 'low');
    await expect(confidence).toContainText('низкая');
    await expect(confidence.getByRole('listitem')).toHaveText([
      '1 независимый источник',
      'только мнение автора колонки',
      'заявление без даты',
    ]);
    // A viewer changes nothing.
    await expect(section.getByRole('button', { name: 'Сделать текущим' })).toHaveCount(0);
    await expect(section.getByRole('button', { name: 'Добавить утверждение источника' })).toHaveCount(0);

    // The promise chart and its table: one point, the first promise.
    const history = section.getByTestId('promise-history');
    await expect(history.getByTestId('promise-chart')).toBeVisible();
    await expect(history.getByTestId('promise-table').locator('tbody tr')).toHaveCount(1);
    await expect(history.getByTestId('promise-move')).toHaveText('первое обещание');

    // English: the words the server computes come in English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(section.getByRole('heading', { name: 'What the sources say' })).toBeVisible();
    await expect(confidence.getByRole('listitem')).toHaveText([
      '1 independent source',
      'only an opinion column',
      'the statement is undated',
    ]);
    await expect(row.getByRole('rowheader')).toContainText('Publisher not named · opinion');
  });

  test('a planner adds a 2031 claim, the disagreement shows everywhere, and making 2031 current moves the milestone', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await logInAs(page, 'anna');
    const panel = await openLithium(page);
    const section = panel.getByTestId('sources-say');

    // 1. Add the claim from a new article: it proposes, it does not become current.
    await section.getByRole('button', { name: 'Добавить утверждение источника' }).click();
    const form = section.getByRole('form', { name: 'Добавить утверждение источника' });
    await form.getByRole('radio', { name: 'Новый источник' }).check();
    await form.getByLabel('Издатель').fill(ARTICLE.publisher);
    await form.getByLabel('Заголовок').fill(ARTICLE.title);
    await form.getByLabel('Дата публикации').fill(ARTICLE.publishedOn);
    await form.getByLabel('Род источника').selectOption('news_agency');
    await form.getByLabel('Цитата (дословно)').fill(ARTICLE.quote);
    await form.locator('select[name=plannedPrecision]').selectOption('year');
    await form.locator('input[name=plannedAnchor]').fill('2031-03-01');
    await form.getByLabel('Оговорка').selectOption('exact');
    await form.getByLabel('Причина изменения').fill('Новое сообщение о сроке');
    const added = page.waitForResponse((r) => r.url().includes('claim.add'));
    await form.getByRole('button', { name: 'Добавить утверждение' }).click();
    expect((await added).ok()).toBe(true);
    await expect(form).toHaveCount(0);
    await expect(section.getByTestId('claims-saved')).toHaveText('Утверждение «2031» добавлено и ждёт решения');

    const rows = claimRows(panel);
    await expect(rows).toHaveCount(2);
    const column = rows.filter({ hasText: SEED.columnTitle });
    const article = rows.filter({ hasText: ARTICLE.title });
    await expect(column).toHaveAttribute('data-rank', 'current');
    await expect(article).toHaveAttribute('data-rank', 'other');
    await expect(article.getByRole('rowheader')).toContainText(`${ARTICLE.publisher} · информагентство`);
    await expect(article.getByRole('rowheader')).toContainText('Сказано: 15 октября 2026 г.');
    await expect(article.getByTestId('claim-says')).toHaveText('2031');
    for (const row of [column, article]) await expect(row.getByTestId('claim-conflicting')).toBeVisible();
    await expect(section.getByTestId('claims-conflict')).toContainText('Источники расходятся');
    await expect(panel.getByTestId('planned-date')).toHaveText('План: 2030 (Точность: год)');
    await expect(section.getByTestId('details-confidence').getByRole('listitem')).toContainText([
      'источники расходятся в сроке',
    ]);
    await article.getByRole('button', { name: 'Цитата' }).click();
    await expect(panel.getByTestId('claim-quote')).toHaveText(`«${ARTICLE.quote}»`);

    // 2. On the timeline: the item is marked and the span 2030–2031 is drawn behind it.
    const item = timelineItem(page, SEED.lithium2030);
    await expect(item).toHaveClass(/\bdisputed\b/);
    await expect(item).toContainText(`⚖ ${SEED.lithium2030}`);
    const spread = timeline(page).locator('.vis-item.vis-background.claim-spread');
    await expect(spread).toHaveCount(1);
    await expect(async () => {
      const scale = await yearScale(page);
      const drawn = await box(spread);
      expect(Math.abs(scale.yearAt(drawn.x) - 2030)).toBeLessThan(0.05);
      expect(Math.abs(scale.yearAt(drawn.x + drawn.width) - 2032)).toBeLessThan(0.05);
    }).toPass();

    // 3. The filter: only milestones whose sources disagree, kept in the URL, in the table too.
    await page.getByTestId('filter-disagree').getByRole('checkbox').check();
    await expect(page).toHaveURL(/[?&]disagree=1(&|$)/);
    await expect(page.getByText('Показано вех: 1')).toBeVisible();
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Таблица' }).click();
    const table = page.getByTestId('milestone-table');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    const tableRow = table.locator('tbody tr').first();
    await expect(tableRow.getByRole('rowheader')).toHaveText(SEED.lithium2030);
    await expect(tableRow.getByTestId('table-sources')).toHaveText('⚠ расходятся (2030–2031)');
    await expect(tableRow.getByTestId('table-confidence')).toContainText('низкая');
    await expect(table.getByRole('columnheader', { name: 'Источники' })).toBeVisible();
    // Reloading the link keeps the filter.
    await page.reload();
    await expect(page.getByTestId('filter-disagree').getByRole('checkbox')).toBeChecked();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Таймлайн' }).click();

    // 4. Make 2031 current, with a reason.
    await article.getByRole('button', { name: 'Сделать текущим' }).click();
    const rankForm = section.getByRole('form', { name: 'Сделать текущим' });
    await expect(rankForm).toContainText('Срок или статус вехи станет «2031»');
    await rankForm.getByRole('button', { name: 'Сделать текущим' }).click();
    await expect(rankForm.locator('.field-error')).toHaveText('Укажите причину изменения (не короче 3 символов)');
    await rankForm.getByLabel('Причина изменения').fill(MAKE_CURRENT_REASON);
    const ranked = page.waitForResponse((r) => r.url().includes('claim.setRank'));
    await rankForm.getByRole('button', { name: 'Сделать текущим' }).click();
    expect((await ranked).ok()).toBe(true);
    await expect(section.getByTestId('claims-saved')).toHaveText('Утверждение «2031» стало текущим');
    await expect(article).toHaveAttribute('data-rank', 'current');
    await expect(column).toHaveAttribute('data-rank', 'superseded');
    await expect(column.getByTestId('claim-rank-reason')).toHaveText(`Почему: ${MAKE_CURRENT_REASON}`);
    await expect(section.getByTestId('claims-conflict')).toHaveCount(0);
    await expect(panel.getByTestId('planned-date')).toHaveText('План: 2031 (Точность: год)');

    // The confidence and its reasons change: no disagreement left, one slip, a news agency.
    const reasons = section.getByTestId('details-confidence').getByRole('listitem');
    await expect(reasons).toContainText(['срок переносился 1 раз']);
    await expect(reasons).toContainText(['сильнейший источник — информагентство']);
    await expect(reasons).not.toContainText(['источники расходятся в сроке']);

    // The promise chart shows the step, and its table says by how much.
    const promises = section.getByTestId('promise-table').locator('tbody tr');
    await expect(promises).toHaveCount(2);
    await expect(promises.nth(0).getByRole('rowheader')).toHaveText('2030');
    await expect(promises.nth(0).getByTestId('promise-move')).toHaveText('первое обещание');
    await expect(promises.nth(1).getByRole('rowheader')).toHaveText('2031');
    await expect(promises.nth(1).getByTestId('promise-move')).toHaveText('перенос не меньше чем на 1 год');
    await expect(section.getByTestId('promise-chart')).toHaveAttribute('aria-label', 'История обещаний: 2030 → 2031');
    // A point of the chart is one click from its quote.
    const chart = section.getByTestId('promise-chart');
    const points = JSON.parse((await chart.getAttribute('data-points')) ?? '[]') as {
      claimId: number;
      x: number;
      y: number;
    }[];
    const articleId = Number(await article.getAttribute('data-claim-id'));
    const point = points.find((p) => p.claimId === articleId);
    expect(point, JSON.stringify(points)).toBeTruthy();
    await expect(panel.getByTestId('claim-quote')).toHaveCount(0);
    await chart.click({ position: { x: point!.x, y: point!.y } });
    await expect(panel.getByTestId('claim-quote')).toHaveText(`«${ARTICLE.quote}»`);

    // The timeline moves the item to 2031, and the span behind it is gone.
    await expect(spread).toHaveCount(0);
    await expect(item).not.toHaveClass(/\bdisputed\b/);
    await expect(async () => {
      const scale = await yearScale(page);
      expect(Math.abs(scale.yearAt((await box(item)).x) - 2031)).toBeLessThan(0.05);
    }).toPass();

    // 5. The moves view: the lithium milestone moved 2030 → 2031, on the agency's word.
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name: 'Переносы сроков' }).click();
    await expect(page).toHaveURL(/[?&]view=moves(&|$)/);
    const moves = page.getByTestId('moves-table');
    const move = moves.locator('tbody tr').filter({ hasText: SEED.lithium2030 });
    await expect(move).toHaveCount(1);
    await expect(move.getByTestId('move-from-to')).toHaveText('2030 → стало 2031');
    await expect(move.getByTestId('move-text')).toHaveText('перенос не меньше чем на 1 год');
    await expect(move).toContainText(ARTICLE.publisher);
    await expect(move).toContainText(ARTICLE.title);
    await move.getByRole('button', { name: 'Цитата' }).click();
    await expect(moves.getByTestId('move-quote')).toHaveText(`«${ARTICLE.quote}»`);
    await move.getByRole('button', { name: SEED.lithium2030 }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);

    // 6. The history keeps both steps with their reasons.
    const history = panel.getByTestId('milestone-history');
    await expect(history).toContainText('Ранг утверждения');
    await expect(history).toContainText(MAKE_CURRENT_REASON);
  });
});

test.describe('refusals', () => {
  test('a bad claim is refused with a message on its field; a stale version shows the conflict view', async ({
    page,
    browser,
    server,
    expectedProblems,
  }) => {
    test.setTimeout(90_000);
    // The server's refusals answer 400 and 409 on purpose; the browser logs them as errors too.
    expectedProblems.push(/HTTP 40[09]: POST .*claim\.add/, /status of 40[09]/);
    const id = await milestoneId(page.request, SEED.aiCentre2032);
    await logInAs(page, 'anna');
    await page.goto(`/?m=${id}`);
    const panel = page.getByTestId('milestone-details');
    const section = panel.getByTestId('sources-say');
    await section.getByRole('button', { name: 'Добавить утверждение источника' }).click();
    const form = section.getByRole('form', { name: 'Добавить утверждение источника' });
    // The option's text joins publisher, title and date.
    const option = form.locator('select[name=sourceId] option', { hasText: SEED.interfaxTitle });
    await form.locator('select[name=sourceId]').selectOption((await option.getAttribute('value')) ?? '');
    await form.getByLabel('Цитата (дословно)').fill('Россия привлечет партнеров из дружественных стран');
    await form.locator('select[name=plannedPrecision]').selectOption('day');
    await form.locator('input[name=plannedAnchor]').fill('2033-04-15');
    await form.getByLabel('Оговорка').selectOption('approximate');
    await form.getByLabel('Причина изменения').fill('Проверка оговорки');
    await form.getByRole('button', { name: 'Добавить утверждение' }).click();
    await expect(form.getByText('«Около» не ставится к точной дате: укажите месяц или квартал')).toBeVisible();

    // A statement dated before its source was published is refused by the server, on its field.
    await form.getByLabel('Оговорка').selectOption('no_earlier_than');
    await form.locator('input[name=statedOn]').fill('2020-01-01');
    const refused = page.waitForResponse((r) => r.url().includes('claim.add'));
    await form.getByRole('button', { name: 'Добавить утверждение' }).click();
    expect((await refused).status()).toBe(400);
    await expect(form.getByText('Дата заявления раньше публикации источника').first()).toBeVisible();

    // Boris adds a claim meanwhile: Anna's save is refused, shown side by side, and re-applied.
    const boris = await browser.newContext({ baseURL: server.baseURL });
    const borisRequest = boris.request;
    await call(borisRequest, 'auth.login', { login: 'boris', password: PASSWORD });
    await claimYear(borisRequest, id, 2034, { current: false });
    await form.locator('input[name=statedOn]').fill('');
    const stale = page.waitForResponse((r) => r.url().includes('claim.add'));
    await form.getByRole('button', { name: 'Добавить утверждение' }).click();
    expect((await stale).status()).toBe(409);
    const conflict = section.getByTestId('conflict-view');
    await expect(conflict.getByRole('heading', { name: 'Веху уже изменил другой плановик' })).toBeVisible();
    await expect(conflict.getByTestId('conflict-mine')).toHaveText('не ранее 15 апреля 2033 г.');
    await expect(conflict.getByTestId('conflict-current')).toHaveText('2032 (текущее)');
    await conflict.getByRole('button', { name: 'Применить мои изменения к текущей версии' }).click();
    const saved = page.waitForResponse((r) => r.url().includes('claim.add'));
    await form.getByRole('button', { name: 'Добавить утверждение' }).click();
    expect((await saved).ok()).toBe(true);
    await expect(section.getByTestId('claims-saved')).toHaveText(
      'Утверждение «не ранее 15 апреля 2033 г.» добавлено и ждёт решения',
    );
    await expect(claimRows(panel)).toHaveCount(3);
    await boris.close();
  });
});

test.describe('in English on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the claims, the promise history, the moves view and the track record links', async ({ page }) => {
    test.setTimeout(120_000);
    await logInAs(page, 'anna');
    // The chemicals plant: the other tests of this file leave it alone.
    const plant = await milestoneId(page.request, SEED.chemPlant2028);
    await claimYear(page.request, plant, 2030, { current: true });
    // Milestone 12-like: the cluster itself, undated, with a lead: it gets a date, then slips a year.
    const trackRecords = await (await page.request.get('/trpc/participant.trackRecord')).json();
    const records = (trackRecords as TrpcResult<{ participantId: number; answersFor: number[] }[]>).result.data;
    const lead = [...records].sort((a, b) => b.answersFor.length - a.answersFor.length)[0];
    expect(lead, 'a seeded organisation leads or executes a milestone').toBeTruthy();
    const target = lead!.answersFor.at(-1)!;
    await claimYear(page.request, target, 2029, { current: true, publishedOn: '2026-01-10' });
    await claimYear(page.request, target, 2030, { current: true, publishedOn: '2026-05-10' });

    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`/?m=${plant}`);
    const panel = page.getByTestId('milestone-details');
    const section = panel.getByTestId('sources-say');
    await expect(section.getByRole('heading', { name: 'What the sources say' })).toBeVisible();
    const rows = claimRows(panel);
    // The new date (current), the column's status (current, a claim of its own kind), the old date.
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toHaveAttribute('data-rank', 'current');
    await expect(rows.nth(0).getByTestId('claim-says')).toHaveText('2030');
    await expect(rows.nth(0).getByTestId('claim-rank')).toHaveText('★ current');
    await expect(rows.nth(1).getByTestId('claim-says')).toHaveText('Planned');
    await expect(rows.nth(2).getByTestId('claim-says')).toHaveText('2028');
    await expect(rows.nth(2).getByTestId('claim-rank')).toHaveText('superseded');
    await expect(rows.nth(2).getByTestId('claim-rank-reason')).toHaveText('Why: Принят срок 2030');
    await expect(section.getByTestId('details-confidence').getByRole('listitem')).toContainText([
      'the date slipped 1 time',
    ]);
    const promises = section.getByTestId('promise-table').locator('tbody tr');
    await expect(promises.nth(1).getByTestId('promise-move')).toHaveText('slipped by at least 2 years');
    // The panel fits the phone's width: nothing sticks out to the side.
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(390);

    await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Date moves' }).click();
    const moves = page.getByTestId('moves-table');
    await expect(
      moves
        .locator('tbody tr')
        .filter({ hasText: 'Multi-product small-tonnage chemicals plant for high-purity products' }),
    ).toContainText('slipped by at least 2 years');
    expect(await pageWidth(), 'the moves table scrolls inside its box').toBeLessThanOrEqual(390);

    await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Participants' }).click();
    const participants = page.getByTestId('participant-table');
    const row = participants.locator(`tr[data-participant-id="${lead!.participantId}"]`);
    await expect(row).toBeVisible();
    expect(await pageWidth(), 'the track record scrolls inside its box').toBeLessThanOrEqual(390);
    await expect(row.getByTestId('record-slipped')).toHaveText('1');
    await expect(row.getByTestId('record-worst-slip')).toHaveText('worst slip: at least 1 year');
    await row.getByTestId('record-answers-for').click();
    await expect(page).toHaveURL(new RegExp(`[?&]ids=${lead!.answersFor.join('%2C')}(&|$)`));
    const table = page.getByTestId('milestone-table');
    await expect(table.locator('tbody tr')).toHaveCount(lead!.answersFor.length);
    await expect(page.getByTestId('filter-ids')).toContainText(`Only chosen milestones: ${lead!.answersFor.length}`);
    await page.goBack();
    await row.getByTestId('record-slipped').click();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator(`tbody tr[data-milestone-id="${target}"]`)).toBeVisible();
    await page.getByTestId('filter-ids').getByRole('button', { name: 'Show all' }).click();
    await expect(page).not.toHaveURL(/[?&]ids=/);
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(1);
  });
});
