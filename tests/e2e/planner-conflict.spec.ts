import type { Browser, Locator, Page } from '@playwright/test';
import { expect, type IsolatedServer, logInAs, test } from './fixtures/isolated-server';
import { milestoneId, SEED, watchPage } from './support';

interface Planner {
  page: Page;
  details: Locator;
  form: Locator;
  problems: string[];
}

/** A planner with the milestone's edit form open, in a browser context of their own. */
async function openEditForm(page: Page, id: number, title: string): Promise<Planner> {
  await page.goto(`/?m=${id}`);
  const details = page.getByTestId('milestone-details');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(title);
  await details.getByRole('button', { name: 'Изменить' }).click();
  const form = page.getByRole('form', { name: 'Изменение вехи' });
  await expect(form).toBeVisible();
  return { page, details, form, problems: [] };
}

async function secondPlanner(browser: Browser, server: IsolatedServer, id: number, title: string): Promise<Planner> {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  const problems: string[] = [];
  watchPage(page, problems, { ignoreAborted: true });
  await logInAs(page, 'boris');
  return { ...(await openEditForm(page, id, title)), problems };
}

async function save(form: Locator): Promise<number> {
  const response = form.page().waitForResponse((r) => r.url().includes('milestone.update'));
  await form.getByRole('button', { name: 'Сохранить' }).click();
  return (await response).status();
}

interface ApiMilestoneDetails {
  title: string;
  status: string;
  version: number;
}

async function stored(page: Page, id: number): Promise<ApiMilestoneDetails> {
  const response = await page.request.get(`/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  return ((await response.json()) as { result: { data: ApiMilestoneDetails } }).result.data;
}

/** The stale save answers 409 on purpose; the browser logs it as a console error too. */
const STALE_SAVE = [/HTTP 409: POST .*milestone\.update/, /status of 409/];

function onlyStaleSave(problems: string[]): string[] {
  return problems.filter((p) => !STALE_SAVE.some((re) => re.test(p)));
}

test.describe('two planners edit the same milestone', () => {
  test('the later save shows the conflict; re-applying puts the planner’s values on the current version', async ({
    page,
    browser,
    server,
  }) => {
    const id = await milestoneId(page.request, SEED.chemPlant2028);
    const annaTitle = `${SEED.chemPlant2028} (уточнено)`;
    const borisTitle = 'Завод малотоннажной химии для высокочистых продуктов';
    const borisReason = 'Название сокращено по пресс-релизу';

    await logInAs(page, 'anna');
    const anna = await openEditForm(page, id, SEED.chemPlant2028);
    const boris = await secondPlanner(browser, server, id, SEED.chemPlant2028);

    await anna.form.getByLabel('Название (рус.)').fill(annaTitle);
    await anna.form.getByLabel('Причина изменения').fill('Уточнено название по проектной документации');
    expect(await save(anna.form)).toBe(200);
    await expect(anna.details.getByRole('heading', { level: 2 })).toHaveText(annaTitle);

    await boris.form.getByLabel('Название (рус.)').fill(borisTitle);
    await boris.form.getByLabel('Причина изменения').fill(borisReason);
    expect(await save(boris.form)).toBe(409);

    const conflict = boris.page.getByTestId('conflict-view');
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole('heading', { name: 'Веху уже изменил другой плановик' })).toBeVisible();
    await expect(conflict.getByRole('columnheader', { name: 'Ваше значение' })).toBeVisible();
    await expect(conflict.getByRole('columnheader', { name: 'Текущее значение' })).toBeVisible();
    // Only what Boris changed is compared: the title, his beside Anna's.
    await expect(conflict.locator('tbody tr')).toHaveCount(1);
    const row = conflict.locator('tr[data-field="title"]');
    await expect(row.getByRole('rowheader')).toHaveText('Название');
    await expect(row.getByTestId('conflict-mine')).toHaveText(borisTitle);
    await expect(row.getByTestId('conflict-current')).toHaveText(annaTitle);
    // Nothing of Boris's was saved.
    expect((await stored(page, id)).title).toBe(annaTitle);

    await conflict.getByRole('button', { name: 'Применить мои изменения к текущей версии' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(boris.form).toBeVisible();
    await expect(boris.form.getByLabel('Название (рус.)')).toHaveValue(borisTitle);
    await expect(boris.form.getByLabel('Причина изменения')).toHaveValue(borisReason);
    expect(await save(boris.form)).toBe(200);
    await expect(boris.form).toHaveCount(0);
    await expect(boris.details.getByRole('heading', { level: 2 })).toHaveText(borisTitle);

    const final = await stored(page, id);
    expect(final.title).toBe(borisTitle);
    expect(final.version).toBe(3);
    // Anna's screen follows without a reload.
    await expect(anna.details.getByRole('heading', { level: 2 })).toHaveText(borisTitle);
    expect(onlyStaleSave(boris.problems)).toEqual([]);
    await boris.page.context().close();
  });

  test('discarding after a conflict closes the form and keeps the other planner’s version', async ({
    page,
    browser,
    server,
  }) => {
    const id = await milestoneId(page.request, SEED.aiCentre2032);
    const borisTitle = 'Центр обработки данных для задач ИИ';

    await logInAs(page, 'anna');
    const anna = await openEditForm(page, id, SEED.aiCentre2032);
    const boris = await secondPlanner(browser, server, id, SEED.aiCentre2032);

    await anna.form.getByLabel('Статус').selectOption('in_progress');
    await anna.form.getByLabel('Причина изменения').fill('Начато строительство центра');
    await anna.form.getByRole('radio', { name: 'Известный источник' }).check();
    const sources = anna.form.locator('select[name=sourceId]');
    const column = await sources.locator('option', { hasText: SEED.columnTitle }).getAttribute('value');
    await sources.selectOption(column ?? '');
    await anna.form.getByLabel('Цитата (дословно)').fill('В 2032 году заработает вычислительный центр');
    expect(await save(anna.form)).toBe(200);
    await expect(anna.details.locator('.status-badge')).toHaveText('В работе');

    await boris.form.getByLabel('Название (рус.)').fill(borisTitle);
    await boris.form.getByLabel('Причина изменения').fill('Переименовано');
    expect(await save(boris.form)).toBe(409);
    const conflict = boris.page.getByTestId('conflict-view');
    const row = conflict.locator('tr[data-field="title"]');
    await expect(row.getByTestId('conflict-mine')).toHaveText(borisTitle);
    await expect(row.getByTestId('conflict-current')).toHaveText(SEED.aiCentre2032);

    await conflict.getByRole('button', { name: 'Отказаться от моих изменений' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(boris.form).toHaveCount(0);
    // Boris now reads the current version: Anna's status, the old title.
    await expect(boris.details.getByRole('heading', { level: 2 })).toHaveText(SEED.aiCentre2032);
    await expect(boris.details.locator('.status-badge')).toHaveText('В работе');
    await expect(boris.details.getByRole('button', { name: 'Изменить' })).toBeVisible();

    const final = await stored(page, id);
    expect(final).toMatchObject({ title: SEED.aiCentre2032, status: 'in_progress', version: 2 });
    expect(onlyStaleSave(boris.problems)).toEqual([]);
    await boris.page.context().close();
  });
});
