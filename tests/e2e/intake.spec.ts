import { type APIRequestContext, type Page, request as playwrightRequest } from '@playwright/test';
import { MAX_ARTICLE_CHARS } from '../../shared/intake-review';
import { addUser, expect, logInAs, PASSWORD, test, USERS } from './fixtures/isolated-server';
import { CLEAN, PAYLOADS, watchForInjection } from './fixtures/xss-payloads';
import { SEED } from './support';

/**
 * The news intake in the browser (issue 11): a planner pastes or drops an article, reviews what
 * the analyser proposes with each quote highlighted in the text, and applies it; the roadmap,
 * its history and the CSV then show it. Viewers never see it. The articles here are fictional,
 * written for these tests in the style of a news agency: not real news.
 */

/** Fictional: moves the lithium milestone (seed key 'lithium-hydroxide-2030') from 2030 to 2031. */
const HEADLINE = 'Литиевый проект в Туве отложили на год';
const MOVE_QUOTE =
  'Начало переработки рудного концентрата Тастыгского месторождения с получением гидроксида лития перенесено с 2030 на 2031 год.';
const PARTICIPANT_QUOTE =
  'Инвестором проекта выступит АО «Саянлит», которое уже получило лицензию на разработку месторождения.';
/** Sentences that must produce nothing: a founding year and last year's statistics. */
const FOUNDED = 'Компания основана в 1998 году.';
const STATISTICS = 'По итогам 2025 года объем геологоразведочных работ на участке вырос вдвое.';
const ARTICLE = [
  HEADLINE,
  '',
  `КЫЗЫЛ, 12 марта. /ТАСС/. ${MOVE_QUOTE} Об этом ТАСС сообщили в правительстве Республики Тыва.`,
  '',
  PARTICIPANT_QUOTE,
  '',
  `${FOUNDED} ${STATISTICS}`,
].join('\n');

/** Fictional: moves the AI computing centre from 2032 to 2033. */
const AI_ARTICLE = [
  'Вычислительный центр ИИ в Красноярске запустят позже',
  '',
  'КРАСНОЯРСК, 3 апреля. /ТАСС/. Запуск вычислительного центра искусственного интеллекта перенесён с 2032 на 2033 год, сообщили в правительстве Красноярского края.',
].join('\n');

/** Fictional: moves the chemical plant from 2028 to 2029 and names its investor. */
const CHEM_ARTICLE = [
  'Завод малотоннажной химии в Красноярском крае достроят позже',
  '',
  'КРАСНОЯРСК, 21 апреля. /ТАСС/. Запуск многоассортиментного завода малотоннажной химии для выпуска высокочистых продуктов перенесён с 2028 на 2029 год.',
  '',
  'Инвестором завода выступит ООО «Енисейхим».',
].join('\n');

/** Fictional: a plant the roadmap does not have yet, and its operator. */
const MAGNETS_ARTICLE = [
  'В Хакасии построят завод постоянных магнитов',
  '',
  'АБАКАН, 5 февраля. /ТАСС/. Завод по производству постоянных редкоземельных магнитов в Черногорске планируется построить к 2029 году, его оператором станет ООО «Хакасские магниты». Об этом сообщили в правительстве республики.',
].join('\n');

const RU = {
  tab: 'Разбор статей',
  text: 'Текст статьи',
  analyse: 'Разобрать статью',
  sourceTitle: 'Заголовок источника',
  reason: 'Причина изменения',
};

function proposals(page: Page) {
  return page.getByTestId('proposal');
}

async function analyse(page: Page, text: string, analyseLabel = RU.analyse, textLabel = RU.text): Promise<void> {
  await page.getByLabel(textLabel, { exact: true }).fill(text);
  const answered = page.waitForResponse((r) => r.url().includes('intake.analyze'));
  await page.getByRole('button', { name: analyseLabel }).click();
  expect((await answered).ok()).toBe(true);
  await expect(page.getByTestId('proposal-counts')).toBeVisible();
}

async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

async function milestoneByTitle(request: APIRequestContext, title: string) {
  const response = await request.get(`/trpc/milestone.list?input=${encodeURIComponent('{}')}`);
  const list = (
    (await response.json()) as {
      result: { data: { id: number; title: string; version: number; plannedStart: string | null }[] };
    }
  ).result.data;
  const found = list.find((m) => m.title === title);
  if (!found) throw new Error(`no milestone ${title}`);
  return found;
}

test.describe('news intake', () => {
  test('a planner pastes an agency article: the source, the 2031 date with its quote, the participant; statistics and a founding year give nothing; two clicks apply it to the roadmap, history and CSV', async ({
    page,
  }, testInfo) => {
    await logInAs(page, 'anna');
    await page.goto('/');
    await page.getByRole('button', { name: RU.tab }).click();
    await expect(page).toHaveURL(/view=intake/);
    await analyse(page, ARTICLE);
    await page.screenshot({ path: testInfo.outputPath('review-ru-1440.png'), fullPage: true });

    // The source as read from the dateline and the headline, for the planner to confirm.
    const source = page.getByTestId('intake-source');
    await expect(source.getByLabel(RU.sourceTitle)).toHaveValue(HEADLINE);
    await expect(source.getByLabel('Издатель')).toHaveValue('ТАСС');
    await expect(source.getByLabel('Дата публикации')).toHaveValue('2026-03-12');
    await expect(source.getByLabel('Род источника')).toHaveValue('news_agency');

    // The 2031 date, grouped under the lithium milestone, accepted since the analyser is sure.
    const group = page.getByTestId('proposal-group').filter({ hasText: SEED.lithium2030 });
    await expect(group.getByRole('heading', { level: 3 })).toContainText('Сейчас: 2030');
    const date = group
      .getByTestId('proposal')
      .filter({ has: page.getByTestId('proposed-date').filter({ hasText: /^2031$/ }) });
    await expect(date).toHaveCount(1);
    await expect(date).toHaveAttribute('data-state', 'accepted');
    await expect(date).toContainText('станет текущим');
    await expect(date).toContainText('Срок вехи «Переработка рудного концентрата Тастыгского месторождения');
    await expect(date).toContainText('2030 → 2031');
    await expect(date).toContainText('высокая');
    await date.getByRole('button', { name: 'Показать в тексте' }).click();
    const highlighted = page.getByTestId('quote-selected');
    await expect(highlighted).toHaveText(MOVE_QUOTE);
    await expect(highlighted).toBeInViewport();
    expect(await highlighted.evaluate((el) => el.tagName)).toBe('MARK');

    // The new participant, placed on the article's milestone, waits for the planner.
    const participant = proposals(page).filter({ hasText: 'АО «Саянлит»' });
    await expect(participant).toHaveCount(1);
    await expect(participant).toHaveAttribute('data-kind', 'participant');
    await expect(participant).toContainText('Инвестор');
    await expect(participant).toContainText('новый участник');
    await expect(participant.getByLabel('Веха')).toHaveValue(
      String((await milestoneByTitle(page.request, SEED.lithium2030)).id),
    );
    await participant.getByRole('button', { name: 'Показать в тексте' }).click();
    await expect(highlighted).toHaveText(PARTICIPANT_QUOTE);
    await participant.getByRole('button', { name: 'Принять' }).click();
    await expect(participant).toHaveAttribute('data-state', 'accepted');

    // Nothing from the founding year or the statistics: no proposal quotes them, nothing marks them.
    for (const sentence of [FOUNDED, STATISTICS]) {
      await expect(proposals(page).filter({ hasText: sentence })).toHaveCount(0);
      await expect(page.getByTestId('article-text').locator('mark', { hasText: sentence })).toHaveCount(0);
    }
    await expect(page.getByTestId('article-text')).toContainText(FOUNDED);
    await expect(proposals(page).filter({ hasText: /1998|2025/ })).toHaveCount(0);
    await expect(proposals(page).and(page.locator('[data-kind="new"]'))).toHaveCount(0);

    // Two clicks (and the reason): Apply, then Write.
    await page.getByLabel(RU.reason, { exact: false }).fill('Сообщение ТАСС о переносе литиевого проекта');
    await page.getByRole('button', { name: 'Применить', exact: true }).click();
    await expect(page.getByRole('alertdialog')).toContainText(`Будут записаны источник «${HEADLINE}»`);
    const applied = page.waitForResponse((r) => r.url().includes('intake.applyDraft'));
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    expect((await applied).ok()).toBe(true);
    await expect(page.getByRole('status')).toHaveText(`Записано: источник «${HEADLINE}» и изменения вех: 1.`);

    // The link to the changed milestone opens it: 2031 in the table and the details, with the history.
    await page.getByRole('link', { name: SEED.lithium2030 }).click();
    await expect(page).toHaveURL(/view=table/);
    const row = page.getByTestId('milestone-table').getByRole('row').filter({ hasText: SEED.lithium2030 });
    await expect(row).toContainText('2031');
    const details = page.getByTestId('milestone-details');
    await expect(details.getByTestId('planned-date')).toContainText('2031');
    await expect(details.getByTestId('date-trail').getByRole('listitem').last()).toContainText('2031');
    await expect(details.getByTestId('date-trail').getByRole('listitem').last()).toContainText(HEADLINE);
    await expect(details).toContainText('АО «Саянлит»');
    await expect(details.getByTestId('milestone-history')).toContainText('Сообщение ТАСС о переносе литиевого проекта');
    // The source keeps the article's text, so its quotes are checked: no "не сверено" on them.
    await expect(details.getByTestId('citation').filter({ hasText: PARTICIPANT_QUOTE })).not.toContainText(
      'не сверено',
    );

    await page.getByRole('button', { name: 'История' }).click();
    await expect(page.getByTestId('history-table')).toContainText('Сообщение ТАСС о переносе литиевого проекта');

    const csv = await page.request.get('/api/export/milestones.csv');
    expect(csv.ok()).toBe(true);
    const body = await csv.text();
    expect(body).toContain(`ТАСС, «${HEADLINE}», 2026-03-12: «${MOVE_QUOTE}»`);

    // The same article again: the app says a source already keeps it.
    await page.getByRole('button', { name: RU.tab }).click();
    await page.getByRole('button', { name: 'Разобрать другую статью' }).click();
    await analyse(page, ARTICLE);
    await expect(page.getByTestId('seen-source')).toContainText(
      `Текст этой статьи уже хранится у источника «${HEADLINE}»`,
    );
    await page.getByRole('button', { name: 'Отказаться от черновика' }).click();
    await page.getByRole('button', { name: 'Удалить черновик' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Черновик удалён' })).toHaveText(
      'Черновик удалён, в дорожную карту ничего не записано.',
    );
  });

  test('in English: the review speaks English, the article stays Russian; discarding writes nothing', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await logInAs(page, 'anna');
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Article intake' }).click();
    await expect(page.getByRole('heading', { name: 'Article intake' })).toBeVisible();
    const before = await milestoneByTitle(page.request, 'Вычислительный центр искусственного интеллекта');
    await analyse(page, AI_ARTICLE, 'Analyse the article', 'Article text');

    const source = page.getByTestId('intake-source');
    await expect(source.getByLabel('Source headline')).toHaveValue(
      'Вычислительный центр ИИ в Красноярске запустят позже',
    );
    await expect(source.getByLabel('Publisher')).toHaveValue('ТАСС');
    await expect(source.getByLabel('Publication date')).toHaveValue('2026-04-03');
    // Its one date proposal, found by kind: the edits below change the date it shows.
    const date = proposals(page).and(page.locator('[data-kind="date"]'));
    await expect(date.getByTestId('proposed-date')).toHaveText('2033');
    await expect(date).toHaveAttribute('data-state', 'accepted');
    await expect(date).toContainText('Date');
    await expect(date).toContainText('becomes current');
    await expect(date).toContainText('How sure the analysis is');
    await expect(date).toContainText('high, 95%');
    await expect(date.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expect(page.getByTestId('proposal-group').first().getByRole('heading', { level: 3 })).toContainText(
      'Now: 2032',
    );
    await expect(page.getByTestId('article-text')).toHaveAttribute('lang', 'ru');
    await page.screenshot({ path: testInfo.outputPath('review-en-1440.png'), fullPage: true });

    // Edit: the date field names what is wrong in English, checked with the shared schema.
    await date.getByRole('button', { name: 'Edit' }).click();
    const editor = date.getByRole('form', { name: 'Editing the proposal' });
    await editor.getByLabel('Qualifier').selectOption('no_later_than');
    await editor.getByRole('button', { name: 'Accept with changes' }).click();
    await expect(date.getByTestId('proposed-date')).toHaveText('no later than 2033');
    await date.getByRole('button', { name: 'Edit' }).click();
    await editor.getByLabel('Precision').selectOption('day');
    await editor.getByLabel('Qualifier').selectOption('approximate');
    await editor.getByRole('button', { name: 'Accept with changes' }).click();
    await expect(editor.locator('.field-error')).toContainText('“About” does not go with an exact day');
    await editor.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await page.getByRole('button', { name: 'Delete the draft' }).click();
    await expect(page.getByRole('status')).toHaveText('Draft deleted; nothing was written to the roadmap.');
    const after = await milestoneByTitle(page.request, 'Вычислительный центр искусственного интеллекта');
    expect(after.version).toBe(before.version);
  });

  test('a milestone saved by another planner during the review: the conflict is shown on its proposal, nothing else is lost, and taking the current version applies', async ({
    page,
    server,
    expectedProblems,
  }) => {
    expectedProblems.push(/HTTP 409: POST .*intake\.applyDraft/, /status of 409/);
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    await analyse(page, CHEM_ARTICLE);
    const date = proposals(page).filter({ has: page.getByTestId('proposed-date').filter({ hasText: /2029/ }) });
    await expect(date).toHaveAttribute('data-state', 'accepted');
    const investor = proposals(page).filter({ hasText: 'ООО «Енисейхим»' });
    await investor.getByRole('button', { name: 'Принять' }).click();
    const reason = 'Перенос завода малотоннажной химии по сообщению ТАСС';
    await page.getByLabel(RU.reason, { exact: false }).fill(reason);

    // Boris saves the same milestone meanwhile.
    const boris = await playwrightRequest.newContext({ baseURL: server.baseURL });
    await trpc(boris, 'auth.login', { login: USERS.boris.login, password: PASSWORD });
    const plant = await milestoneByTitle(boris, SEED.chemPlant2028);
    await trpc(boris, 'milestone.update', {
      id: plant.id,
      version: plant.version,
      reason: 'Уточнено описание',
      description: 'Описание уточнено другим плановиком',
    });
    await boris.dispose();

    await page.getByRole('button', { name: 'Применить', exact: true }).click();
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    const conflict = proposals(page).locator('.proposal-conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText('Веху изменили после разбора: пересмотрите это предложение');
    await expect(conflict).toContainText(`версия ${plant.version + 1}`);
    // Nothing else lost: the decisions, the reason, the source.
    await expect(investor).toHaveAttribute('data-state', 'accepted');
    await expect(date).toHaveAttribute('data-state', 'accepted');
    await expect(page.getByLabel(RU.reason, { exact: false })).toHaveValue(reason);

    await conflict.getByRole('button', { name: 'Взять текущую версию вехи' }).click();
    await expect(page.getByText(`Взята версия ${plant.version + 1}`)).toBeVisible();
    await page.getByRole('button', { name: 'Применить', exact: true }).click();
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Записано: источник «Завод малотоннажной химии');
    const now = await milestoneByTitle(page.request, SEED.chemPlant2028);
    expect(now.plannedStart).toBe('2029-01-01');
  });

  test('a new milestone: the planner names it and picks its workstream (a missing one is named), its participant goes with it', async ({
    page,
  }) => {
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    await analyse(page, MAGNETS_ARTICLE);
    const proposed = proposals(page).and(page.locator('[data-kind="new"]'));
    await expect(proposed).toHaveCount(1);
    await expect(proposed).toContainText('не позднее 2029');
    const operator = proposals(page)
      .filter({ hasText: 'ООО «Хакасские магниты»' })
      .and(page.locator('[data-kind="participant"]'));
    await expect(operator).toHaveCount(1);

    // Accepted without a workstream: the problem names the field.
    await proposed.getByRole('button', { name: 'Принять' }).click();
    await expect(proposed.getByRole('alert')).toContainText('Направление: Заполните это поле');
    const title = 'Завод постоянных редкоземельных магнитов в Черногорске';
    await proposed.getByRole('button', { name: 'Изменить' }).click();
    const editor = proposed.getByRole('form', { name: 'Изменение предложения' });
    await editor.getByLabel('Название новой вехи').fill(title);
    await editor.getByLabel('Направление').selectOption({ index: 1 });
    await editor.getByRole('button', { name: 'Принять с изменениями' }).click();
    await expect(proposed).toHaveAttribute('data-state', 'accepted');
    await expect(proposed.getByRole('alert')).toHaveCount(0);
    // The operator is listed with the new milestone it was found beside.
    const group = page.getByTestId('proposal-group').filter({ has: operator });
    await expect(group.getByRole('heading', { level: 3 })).toHaveText(`Новая веха: «${title}»`);
    await operator.getByRole('button', { name: 'Принять' }).click();
    await expect(operator).toHaveAttribute('data-state', 'accepted');
    // Without its new milestone the operator has nowhere to go: said on it.
    await proposed.getByRole('button', { name: 'Отклонить' }).click();
    await expect(operator.getByRole('alert')).toContainText('Новая веха, к которой это относится, не принята');
    await proposed.getByRole('button', { name: 'Принять' }).click();
    await expect(operator.getByRole('alert')).toHaveCount(0);

    await page.getByLabel(RU.reason, { exact: false }).fill('Новый завод по сообщению ТАСС');
    // A look at the table in the middle of the review loses nothing of it.
    await page.getByRole('button', { name: 'Таблица' }).click();
    await expect(page.getByTestId('milestone-table')).toBeVisible();
    await page.getByRole('button', { name: RU.tab }).click();
    await expect(proposed).toHaveAttribute('data-state', 'accepted');
    await expect(proposed).toContainText(title);
    await expect(page.getByLabel(RU.reason, { exact: false })).toHaveValue('Новый завод по сообщению ТАСС');
    await page.getByRole('button', { name: 'Применить', exact: true }).click();
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('изменения вех: 1');
    await page.getByRole('link', { name: title }).click();
    const details = page.getByTestId('milestone-details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(details.getByTestId('planned-date')).toContainText('2029');
    await expect(details).toContainText('ООО «Хакасские магниты»');
  });

  test('a viewer sees no intake tab and is refused by intake.analyze', async ({ page, expectedProblems }) => {
    expectedProblems.push(/HTTP 403/);
    await logInAs(page, 'vera');
    await page.goto('/?view=intake');
    await expect(page.getByRole('navigation', { name: 'Вид' })).toBeVisible();
    await expect(page.getByRole('button', { name: RU.tab })).toHaveCount(0);
    await expect(page.getByLabel(RU.text, { exact: true })).toHaveCount(0);
    for (const [path, input] of [
      ['intake.analyze', { text: ARTICLE }],
      ['intake.discard', { draftId: 1 }],
    ] as const) {
      const response = await page.request.post(`/trpc/${path}`, { data: input });
      expect(response.status()).toBe(403);
      expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe('FORBIDDEN');
    }
  });

  test('an .html file is reduced to its article text: the script in it never runs, markup and menus are dropped', async ({
    page,
  }) => {
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Новости — сайт</title>
      <meta property="og:site_name" content="ТАСС"><meta property="article:published_time" content="2026-03-12T10:00:00+03:00">
      <script>window.__pwned = 'head'</script><style>p { color: red }</style></head>
      <body><nav><a href="/">Главная</a> <a href="/news">Лента новостей</a></nav>
      <article><h1>${HEADLINE}</h1><p>КЫЗЫЛ, 12 марта. /ТАСС/. ${MOVE_QUOTE}</p>
      <script>window.__pwned = 'article'</script><img src="x" onerror="window.__pwned = 'img'">
      <p>${PARTICIPANT_QUOTE}</p><button onclick="window.__pwned = 'button'">Поделиться</button></article>
      <footer>© Информационное агентство</footer></body></html>`;
    await page.locator('input[type=file][name=file]').setInputFiles({
      name: 'lithium.html',
      mimeType: 'text/html',
      buffer: Buffer.from(html, 'utf8'),
    });
    const text = page.getByLabel(RU.text, { exact: true });
    await expect(text).toHaveValue(`${HEADLINE}\n\nКЫЗЫЛ, 12 марта. /ТАСС/. ${MOVE_QUOTE}\n\n${PARTICIPANT_QUOTE}`);
    await expect(page.getByText('Текст взят из файла «lithium.html»')).toBeVisible();
    await expect(page.getByLabel('Издатель')).toHaveValue('ТАСС');
    await expect(page.getByLabel('Заголовок')).toHaveValue(HEADLINE);
    await expect(page.getByLabel('Дата публикации')).toHaveValue('2026-03-12');
    await page.getByRole('button', { name: RU.analyse }).click();
    await expect(page.getByTestId('article-text')).toContainText(MOVE_QUOTE);
    await expect(page.getByTestId('article-text')).not.toContainText('__pwned');
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('script:not([src])')).toHaveCount(0);

    // A plain text file dropped on the field is taken as it is.
    await page.getByRole('button', { name: 'Отказаться от черновика' }).click();
    await page.getByRole('button', { name: 'Удалить черновик' }).click();
    const dataTransfer = await page.evaluateHandle((article) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([article], 'ai.txt', { type: 'text/plain' }));
      return transfer;
    }, AI_ARTICLE);
    await page
      .getByRole('region', { name: 'Перетащите сюда файл .txt или .html' })
      .dispatchEvent('drop', { dataTransfer });
    await expect(page.getByLabel(RU.text, { exact: true })).toHaveValue(AI_ARTICLE);
    await expect(page.getByText('Текст взят из файла «ai.txt»')).toBeVisible();
  });

  test('the XSS corpus pasted as an article is shown only as text', async ({ page }) => {
    const report = await watchForInjection(page);
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    const article = [HEADLINE, '', `КЫЗЫЛ, 12 марта. /ТАСС/. ${MOVE_QUOTE}`, '', ...PAYLOADS.map((p) => `${p}\n`)].join(
      '\n',
    );
    await page.getByLabel('Издатель').fill(PAYLOADS[1]);
    await page.getByLabel('Заголовок').fill(PAYLOADS[0]);
    await analyse(page, article);
    const shown = page.getByTestId('article-text');
    for (const payload of PAYLOADS) await expect(shown).toContainText(payload);
    await expect(page.getByTestId('intake-source').getByLabel(RU.sourceTitle)).toHaveValue(PAYLOADS[0]);
    // Select each proposal, so every quote is drawn highlighted once.
    const count = await proposals(page).count();
    for (let i = 0; i < count; i++)
      await proposals(page).nth(i).getByRole('button', { name: 'Показать в тексте' }).click();
    expect(await report()).toEqual(CLEAN);
  });

  test('an article over the limit is refused in the browser with the reason, before anything is sent', async ({
    page,
  }) => {
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    let sent = 0;
    page.on('request', (r) => {
      if (r.url().includes('intake.analyze')) sent += 1;
    });
    await page.getByLabel(RU.text, { exact: true }).fill(`${HEADLINE}\n\n${'а'.repeat(MAX_ARTICLE_CHARS)}`);
    await page.getByRole('button', { name: RU.analyse }).click();
    await expect(page.getByText('Статья слишком длинная для разбора')).toBeVisible();
    await expect(page.getByLabel(RU.text, { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toBe(0);
  });

  test('the same article pasted after a reload is recognised as analysed before', async ({ page }) => {
    await logInAs(page, 'anna');
    await page.goto('/?view=intake');
    await analyse(page, AI_ARTICLE);
    await expect(page.getByTestId('seen-before')).toHaveCount(0);
    await page.reload();
    await analyse(page, AI_ARTICLE);
    await expect(page.getByTestId('seen-before')).toContainText('Эта статья уже разбиралась');
  });

  test('on a phone (390 px): one column, the article above the proposals, nothing wider than the screen', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await logInAs(page, 'anna');
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Article intake' }).click();
    await analyse(page, ARTICLE, 'Analyse the article', 'Article text');
    const participant = proposals(page).filter({ hasText: 'АО «Саянлит»' });
    await participant.getByRole('button', { name: 'Show in the text' }).click();
    const highlighted = page.getByTestId('quote-selected');
    await expect(highlighted).toHaveText(PARTICIPANT_QUOTE);
    await expect(highlighted).toBeInViewport();
    await expect(participant).toBeInViewport();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await page.screenshot({ path: testInfo.outputPath('review-en-390.png') });
    await page.screenshot({ path: testInfo.outputPath('review-en-390-full.png'), fullPage: true });
  });

  test('sources: a planner keeps a source text, quotes are then checked; an admin purges it with a reason and a confirmation', async ({
    page,
    server,
  }) => {
    const source = SEED.tassTitle;
    await logInAs(page, 'anna');
    await page.goto('/?view=sources');
    const row = page.getByTestId('source-table').getByRole('row').filter({ hasText: source });
    await row.getByRole('button', { name: 'Текст источника' }).click();
    const panel = page.getByTestId('source-text');
    await expect(panel).toContainText('Текст источника не хранится');
    await panel.getByLabel('Текст публикации').fill('Полный текст публикации агентства.');
    await panel.getByLabel('Причина изменения').fill('Сохранён текст публикации');
    await panel.getByRole('button', { name: 'Сохранить текст' }).click();
    await expect(panel.getByRole('status')).toHaveText('Текст сохранён');
    await expect(panel).toContainText('Текст хранится');
    await expect(panel.getByRole('button', { name: 'Удалить текст' })).toHaveCount(0);

    await addUser(server.database, { login: 'gleb', name: 'Админ Тестов', role: 'admin' });
    await page.request.post('/trpc/auth.logout', { data: {} });
    const login = await page.request.post('/trpc/auth.login', { data: { login: 'gleb', password: PASSWORD } });
    expect(login.ok()).toBe(true);
    await page.reload();
    await page
      .getByTestId('source-table')
      .getByRole('row')
      .filter({ hasText: source })
      .getByRole('button', { name: 'Текст источника' })
      .click();
    await panel.getByLabel('Причина изменения').fill('Текст прислан по ошибке');
    await panel.getByRole('button', { name: 'Удалить текст' }).click();
    await expect(panel.getByRole('alert')).toContainText(`Удалить текст источника «${source}»?`);
    await panel.getByRole('button', { name: 'Да, удалить текст' }).click();
    await expect(panel.getByRole('status')).toHaveText('Текст удалён');
    await expect(panel).toContainText('Текст источника не хранится');
  });

  test('the details mark quotes of sources without a kept text as not checked', async ({ page }) => {
    await page.goto('/?view=table');
    await page.getByRole('button', { name: SEED.lithium2030 }).click();
    const quote = page
      .getByTestId('milestone-details')
      .getByTestId('citation')
      .filter({ hasText: SEED.lithiumDateQuote });
    await expect(quote).toContainText('не сверено');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(quote).toContainText('not checked');
  });
});
