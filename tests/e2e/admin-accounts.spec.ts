import type { Browser, Page } from '@playwright/test';
import type { DatabaseConfig } from '../../server/db/engine';
import { addUser as addUserByCli, expect, PASSWORD, test, USERS } from './fixtures/isolated-server';
import { SEED, timelineItem, watchPage } from './support';

/**
 * Admins cannot lock the office out by a slip of the mouse: a role change or a block in the
 * users screen asks first, naming the user and the change, and "Cancel" changes nothing. What an
 * admin does to an account is in the account log the screen shows. And a planner's page left
 * open when an admin demotes or blocks them loses its edit controls at once, without a reload.
 */

const ADMIN = { login: 'olga', name: 'Ольга Админ', role: 'admin' } as const;
/** A planner of the second test's own: the first one changes the fixture's users. */
const PETR = { login: 'petr', name: 'Пётр Плановик', role: 'planner' } as const;

/** Accounts this file added, per server: a file's tests share its server. */
const added = new Set<string>();

/** A user added beside the running server as an admin would (`npm run user -- add`), once per server. */
async function addUser(
  database: DatabaseConfig,
  user: { login: string; name: string; role: 'viewer' | 'planner' | 'admin' },
): Promise<void> {
  const key = `${JSON.stringify(database)} ${user.login}`;
  if (added.has(key)) return;
  await addUserByCli(database, user);
  added.add(key);
}

async function logIn(page: Page, login: string): Promise<void> {
  const response = await page.request.post('/trpc/auth.login', { data: { login, password: PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The users screen of a logged-in admin. */
async function openUsers(page: Page, database: DatabaseConfig): Promise<void> {
  await addUser(database, ADMIN);
  await logIn(page, ADMIN.login);
  await page.goto('/?view=users');
  await expect(page.getByTestId('user-table')).toBeVisible();
}

const row = (page: Page, login: string) =>
  page
    .getByTestId('user-table')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: login }) });
const roleSelect = (page: Page, login: string) => page.getByLabel(`Роль: ${login}`);
const log = (page: Page) => page.getByTestId('account-log');

/** A second person's browser, on the same server: their own cookies, watched for errors. */
/**
 * A second person's browser, on the same server: their own cookies, watched for errors. With
 * `viaForm`, the page is opened first and the user logs in on it with the form, as a person
 * would: the live feed then has to be reopened as that user, or it would hear nothing for them.
 */
async function planner(
  browser: Browser,
  baseURL: string,
  user: { login: string; name: string },
  problems: string[],
  { viaForm = false } = {},
) {
  const context = await browser.newContext({ baseURL, locale: 'ru-RU', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  watchPage(page, problems, { ignoreAborted: true });
  if (viaForm) {
    await page.goto('/');
    await page.getByRole('banner').getByRole('button', { name: 'Войти' }).click();
    const form = page.getByRole('form', { name: 'Вход для плановиков' });
    await form.getByLabel('Логин').fill(user.login);
    await form.getByLabel('Пароль').fill(PASSWORD);
    await form.getByRole('button', { name: 'Войти' }).click();
  } else {
    await logIn(page, user.login);
    await page.goto('/');
  }
  await expect(page.getByTestId('signed-in-as')).toHaveText(`${user.name} (плановик)`);
  // Proof that the page is never reloaded: a reload would lose this.
  await page.evaluate(() => {
    (window as unknown as { keptOpen: boolean }).keptOpen = true;
  });
  return { page, context };
}

const stillOpen = (page: Page) => page.evaluate(() => (window as unknown as { keptOpen?: boolean }).keptOpen === true);

test.describe('the users screen', () => {
  test('a role change and a block ask first, naming the user and the change; cancel changes nothing', async ({
    page,
    server,
  }) => {
    await openUsers(page, server.database);
    const dialog = page.getByRole('dialog', { name: 'Подтвердите изменение' });

    // A role change, cancelled: the select shows the role the user has, and the log has nothing.
    await roleSelect(page, 'anna').selectOption({ label: 'читатель' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Сменить роль пользователя Анна Плановик (anna): «плановик» → «читатель»?');
    await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(roleSelect(page, 'anna')).toHaveValue('planner');
    await expect(log(page)).not.toContainText('роль:');

    // Escape is a cancel too.
    await roleSelect(page, 'anna').selectOption({ label: 'администратор' });
    await expect(dialog).toContainText('«плановик» → «администратор»');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(roleSelect(page, 'anna')).toHaveValue('planner');

    // Accepted: the role changes and the log names the user, the change and the admin.
    await roleSelect(page, 'anna').selectOption({ label: 'читатель' });
    await dialog.getByRole('button', { name: 'Сменить роль' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(roleSelect(page, 'anna')).toHaveValue('viewer');
    const roleLine = log(page).getByRole('row').filter({ hasText: 'роль: «плановик» → «читатель»' });
    await expect(roleLine).toContainText('Анна Плановик (anna)');
    await expect(roleLine).toContainText(`${ADMIN.name} (${ADMIN.login})`);

    // A block, cancelled, then accepted.
    await row(page, 'vera').getByRole('button', { name: 'Заблокировать' }).click();
    await expect(dialog).toContainText(
      'Заблокировать пользователя Вера Читатель (vera)? Он не сможет войти, его открытые сеансы завершатся.',
    );
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row(page, 'vera')).toContainText('активен');
    await expect(log(page).getByRole('row').filter({ hasText: 'Вера Читатель (vera)' })).not.toContainText(
      'заблокирован',
    );

    await row(page, 'vera').getByRole('button', { name: 'Заблокировать' }).click();
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row(page, 'vera')).toContainText('заблокирован');
    await expect(row(page, 'vera').getByRole('button', { name: 'Разблокировать' })).toBeVisible();
    await expect(
      log(page).getByRole('row').filter({ hasText: 'Вера Читатель (vera)' }).filter({ hasText: 'заблокирован' }),
    ).toHaveCount(1);

    // What the server holds, read back: anna a viewer, vera disabled, the CLI's additions in the log.
    const users = (await (await page.request.get('/trpc/user.list')).json()) as {
      result: { data: { login: string; role: string; disabledAt: string | null }[] };
    };
    expect(users.result.data.find((u) => u.login === 'anna')?.role).toBe('viewer');
    expect(users.result.data.find((u) => u.login === 'vera')?.disabledAt).not.toBeNull();
    await expect(log(page).getByRole('row').filter({ hasText: 'Борис Плановик (boris)' })).toContainText(
      'добавлен с ролью «плановик»',
    );
    await expect(log(page).getByRole('row').filter({ hasText: 'Борис Плановик (boris)' })).toContainText(
      'командная строка на сервере',
    );

    // The public history says nothing of accounts.
    await page.goto('/?view=history');
    await expect(page.getByRole('heading', { name: 'История изменений' })).toBeVisible();
    await expect(page.locator('main table').first()).toBeVisible();
    await expect(page.locator('main')).not.toContainText('user');
    await expect(page.locator('main')).not.toContainText('Анна Плановик');
  });

  test('a planner’s open page loses its edit controls when an admin demotes them, and signs out when blocked', async ({
    page,
    server,
    browser,
  }) => {
    // Three browsers on one server: ~20 s on a quiet machine of 2 cores, past 30 s when it is busy.
    test.setTimeout(60_000);
    const problems: string[] = [];
    await addUser(server.database, PETR);
    const boris = await planner(
      browser,
      server.baseURL,
      { login: USERS.boris.login, name: USERS.boris.name },
      problems,
      // Boris logs in on a page already open; Petr opens the page signed in.
      { viaForm: true },
    );
    const petr = await planner(browser, server.baseURL, PETR, problems);
    try {
      // Boris has the details of a milestone open, with its edit button.
      await timelineItem(boris.page, SEED.lithium2030).click();
      const details = boris.page.getByTestId('milestone-details');
      await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
      const edit = details.getByRole('button', { name: 'Изменить' });
      const newMilestone = (p: Page) => p.getByRole('button', { name: 'Новая веха' });
      await expect(edit).toBeVisible();
      await expect(newMilestone(boris.page)).toBeVisible();
      await expect(newMilestone(petr.page)).toBeVisible();

      await openUsers(page, server.database);
      const dialog = page.getByRole('dialog', { name: 'Подтвердите изменение' });
      await roleSelect(page, 'boris').selectOption({ label: 'читатель' });
      await dialog.getByRole('button', { name: 'Сменить роль' }).click();
      await expect(roleSelect(page, 'boris')).toHaveValue('viewer');

      // On Boris's open page, without a reload: a viewer now, no edit controls, the details still there.
      await expect(boris.page.getByTestId('signed-in-as')).toHaveText('Борис Плановик (читатель)');
      await expect(edit).toHaveCount(0);
      await expect(newMilestone(boris.page)).toHaveCount(0);
      await expect(details.getByRole('heading', { level: 2 })).toHaveText(SEED.lithium2030);
      expect(await stillOpen(boris.page)).toBe(true);
      // Petr's page was not touched.
      await expect(newMilestone(petr.page)).toBeVisible();

      // Blocked: Petr's open page is signed out at once.
      await row(page, 'petr').getByRole('button', { name: 'Заблокировать' }).click();
      await dialog.getByRole('button', { name: 'Заблокировать' }).click();
      await expect(row(page, 'petr')).toContainText('заблокирован');
      await expect(petr.page.getByTestId('signed-in-as')).toHaveCount(0);
      await expect(petr.page.getByRole('banner').getByRole('button', { name: 'Войти' })).toBeVisible();
      await expect(newMilestone(petr.page)).toHaveCount(0);
      expect(await stillOpen(petr.page)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await boris.context.close();
      await petr.context.close();
    }
  });
});
