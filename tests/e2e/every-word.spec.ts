import type { Locator, Page } from '@playwright/test';
import { en } from '../../shared/i18n/en';
import { ru } from '../../shared/i18n/ru';
import { addUser, expect, logInAs, PASSWORD, test } from './fixtures/isolated-server';
import { escapeRegExp, SEED } from './support';

/**
 * Every word translated: each form is sent empty, oversized and with what cannot be (30
 * February, a `javascript:` address, a login with spaces), in Russian and in English, and what
 * the page then says is read back. It fails on
 * - a raw i18n key on the page (`views.users`, `errors.tooLong`): any word of the page that is
 *   a key of the resources;
 * - a library's sentence (Zod's "Invalid input: expected number, received NaN", "Too big: …");
 * - an error or alert that is not one of the language's messages (its template, numbers filled);
 * - in Russian, an error without a Cyrillic letter; in English, one with Cyrillic (the inputs
 *   here are Latin, so no Cyrillic can come from them).
 */

type Language = 'ru' | 'en';
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : flatten(value, path);
  });
}

const RESOURCES = { ru: flatten(ru as unknown as Tree), en: flatten(en as unknown as Tree) };
/** Keys without their plural suffix: what code passes to t(). */
const KEYS = new Set(
  [...RESOURCES.ru, ...RESOURCES.en].flatMap(([k]) => [k, k.replace(/_(zero|one|two|few|many|other)$/, '')]),
);

/** Each message of a language as a whole-text pattern: `{{max}}` stands for any text. */
const TEMPLATES: Record<Language, RegExp[]> = {
  ru: RESOURCES.ru.map(([, v]) => template(v)),
  en: RESOURCES.en.map(([, v]) => template(v)),
};
function template(value: string): RegExp {
  const parts = value.split(/\{\{\w+\}\}/).map((p) => escapeRegExp(p.replace(/\s+/g, ' ').trim()));
  return new RegExp(`^${parts.join('[\\s\\S]*?')}$`);
}

/** What Zod's English locale says (zod/v4/locales/en), and the words its messages are built of. */
const LIBRARY_PHRASES =
  /\b(Invalid (input|option|string|number|key|element|type|format|date|value|union|discriminator)|Too (big|small)|Unrecognized keys?|expected [a-z]+, received|received [A-Za-z]+$|must match pattern)\b/;

const KEY_LIKE = /\b[a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+\b/g;

const ERROR_REGIONS = '[role=alert], .field-error, .form-error, [data-testid=csv-import-errors] tbody td:nth-child(3)';

/** What is wrong with the words on the page now; empty when every word is translated. */
async function untranslated(page: Page, language: Language, where: string): Promise<string[]> {
  const problems: string[] = [];
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden nodes' text, is the test.
  const body = await page.locator('body').innerText();
  for (const token of body.match(KEY_LIKE) ?? []) {
    if (KEYS.has(token)) problems.push(`${where}: a raw key on the page: ${token}`);
  }
  const phrase = LIBRARY_PHRASES.exec(body);
  if (phrase) problems.push(`${where}: a library's sentence on the page: “${lineOf(body, phrase.index)}”`);
  const errors = (await page.locator(ERROR_REGIONS).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  for (const text of errors.filter(Boolean)) {
    if (!TEMPLATES[language].some((re) => re.test(text)))
      problems.push(`${where}: not a ${language} message of the resources: “${text}”`);
    if (language === 'ru' && !/[А-Яа-яЁё]/.test(text)) problems.push(`${where}: no Russian in “${text}”`);
    if (language === 'en' && /[А-Яа-яЁё]/.test(text)) problems.push(`${where}: Russian in the English page: “${text}”`);
  }
  return problems;
}

function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end === -1 ? undefined : end);
}

/** Waits for the form to answer (an error shows), then fails on any untranslated word. */
async function expectEveryWordTranslated(page: Page, language: Language, where: string, shown: Locator) {
  await expect(shown.first(), `${where}: the form answers`).toBeVisible();
  expect(await untranslated(page, language, where)).toEqual([]);
}

const L = { ru, en } as const;

async function open(page: Page, language: Language, path: string) {
  await page.addInitScript((lang) => localStorage.setItem('roadmap.language', lang), language);
  await page.goto(path);
}

function fieldErrors(scope: Locator) {
  return scope.locator('.field-error, [role=alert], .form-error');
}

const LONG = (n: number) => 'x'.repeat(n);

test('the detector itself: it flags a raw key, a Zod sentence, a foreign error and none of the resources', async ({
  page,
}) => {
  await page.setContent(`<main>
    <p class="field-error">Too big: expected string to have &lt;=300 characters</p>
    <p class="field-error">errors.tooLong</p>
    <p role="alert">Не длиннее 300 символов</p>
    <p>views.users</p>
  </main>`);
  const found = await untranslated(page, 'en', 'sample');
  expect(found.join('\n')).toContain('a raw key on the page: errors.tooLong');
  expect(found.join('\n')).toContain('a raw key on the page: views.users');
  expect(found.join('\n')).toContain("a library's sentence");
  expect(found.join('\n')).toContain('Russian in the English page: “Не длиннее 300 символов”');
  expect(found.join('\n')).toContain('not a en message of the resources: “errors.tooLong”');
  await page.setContent('<p role="alert">Не длиннее 300 символов</p><p class="field-error">Заполните это поле</p>');
  expect(await untranslated(page, 'ru', 'sample')).toEqual([]);
  // No message of ours reads as a library's.
  for (const [key, value] of [...RESOURCES.en, ...RESOURCES.ru]) expect(LIBRARY_PHRASES.test(value), key).toBe(false);
});

for (const language of ['ru', 'en'] as const) {
  const t = L[language];
  test.describe(`every word in ${language}`, () => {
    // Refusals are what these tests ask for: a 400 or 401 answer is the point, not a fault.
    test.beforeEach(({ expectedProblems }) => {
      expectedProblems.push(/HTTP 40[01]/, /status of 40[01]/);
    });

    test('login: oversized and wrong', async ({ page }) => {
      await open(page, language, '/');
      await page.getByRole('button', { name: t.auth.login, exact: true }).click();
      const form = page.getByRole('form', { name: t.auth.loginTitle });
      await form.getByLabel(t.auth.loginField, { exact: true }).fill(LONG(5000));
      await form.getByLabel(t.auth.password, { exact: true }).fill(LONG(5000));
      await form.getByRole('button', { name: t.auth.login, exact: true }).click();
      await expectEveryWordTranslated(page, language, 'login oversized', form.getByRole('alert'));
      await form.getByLabel(t.auth.loginField, { exact: true }).fill('nobody');
      await form.getByLabel(t.auth.password, { exact: true }).fill('wrong password');
      await form.getByRole('button', { name: t.auth.login, exact: true }).click();
      await expect(form.getByRole('alert')).toHaveText(t.errors.badCredentials);
      await expectEveryWordTranslated(page, language, 'login wrong', form.getByRole('alert'));
    });

    test('new milestone: empty, oversized, impossible', async ({ page }) => {
      await logInAs(page, 'anna');
      await open(page, language, '/');
      await page.getByRole('button', { name: t.edit.newMilestone }).click();
      const form = page.getByRole('form', { name: t.edit.createTitle });
      await form.getByRole('button', { name: t.edit.save }).click();
      await expect(form.getByText(t.errors.required).first()).toBeVisible();
      await expectEveryWordTranslated(page, language, 'create empty', fieldErrors(form));

      await form.locator('[name=title]').fill(LONG(301));
      await form.locator('[name=reason]').fill(LONG(2001));
      await form.getByRole('radio', { name: t.edit.citationNew }).check();
      await form.locator('[name=sourceTitle]').fill(LONG(501));
      await form.locator('[name=url]').fill('javascript:alert(1)');
      await form.locator('[name=quote]').fill(LONG(2001));
      await form.getByRole('button', { name: t.edit.save }).click();
      await expect(form.getByText(t.errors.tooLong.replace('{{max}}', '300'))).toBeVisible();
      await expect(form.getByText(t.errors.url)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'create oversized', fieldErrors(form));
    });

    test('milestone edit: a status and a date changed without a source, oversized texts', async ({ page, request }) => {
      await logInAs(page, 'anna');
      const id = await milestoneIdOf(request, SEED.lithium2030);
      await open(page, language, `/?m=${id}`);
      const details = page.getByTestId('milestone-details');
      await details.getByRole('button', { name: t.edit.edit, exact: true }).click();
      const form = page.getByRole('form', { name: t.edit.formTitle });
      await form.getByRole('button', { name: t.edit.save }).click();
      await expect(form.getByText(t.errors.noChanges)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'edit unchanged', fieldErrors(form));

      await form.locator('select[name=status]').selectOption('delayed');
      await form.locator('input[name=plannedAnchor]').fill('2031-06-01');
      await form.getByRole('button', { name: t.edit.save }).click();
      await expect(form.getByText(t.errors.citationRequired)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'edit status and date without source', fieldErrors(form));

      await form.locator('[name=title]').fill(LONG(301));
      await form.locator('[name=description]').fill(LONG(5001));
      await form.locator('[name=site]').fill(LONG(501));
      await form.locator('[name=reason]').fill('x');
      await form.getByRole('radio', { name: t.edit.citationExisting }).check();
      await form.getByRole('button', { name: t.edit.save }).click();
      await expect(form.getByText(t.errors.reasonRequired)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'edit oversized', fieldErrors(form));
    });

    test('a claim added empty and oversized', async ({ page, request }) => {
      await logInAs(page, 'anna');
      const id = await milestoneIdOf(request, SEED.lithium2030);
      await open(page, language, `/?m=${id}`);
      await page.getByRole('button', { name: t.claims.add }).click();
      const form = page.getByRole('form', { name: t.claims.add });
      await form.getByRole('button', { name: t.sourcesSay.addSubmit }).click();
      await expectEveryWordTranslated(page, language, 'claim empty', fieldErrors(form));
      await form.getByRole('radio', { name: t.edit.citationNew }).check();
      await form.locator('[name=publisher]').fill(LONG(201));
      await form.locator('[name=quote]').fill(LONG(2001));
      await form.locator('[name=reason]').fill(LONG(2001));
      await form.getByRole('button', { name: t.sourcesSay.addSubmit }).click();
      await expect(form.getByText(t.errors.tooLong.replace('{{max}}', '2000')).first()).toBeVisible();
      await expectEveryWordTranslated(page, language, 'claim oversized', fieldErrors(form));
    });

    test('a source text kept empty and oversized', async ({ page }) => {
      await logInAs(page, 'anna');
      await open(page, language, '/?view=sources');
      await page.getByRole('button', { name: t.snapshot.show, exact: true }).first().click();
      const form = page.getByRole('form', { name: t.snapshot.attachHeading }).first();
      await form.getByRole('button', { name: t.snapshot.attach }).click();
      await expectEveryWordTranslated(page, language, 'snapshot empty', fieldErrors(form));
      await form.locator('[name=reason]').fill(LONG(2001));
      await form.getByRole('button', { name: t.snapshot.attach }).click();
      await expectEveryWordTranslated(page, language, 'snapshot oversized', fieldErrors(form));
    });

    test('CSV import: 30 February, an oversized title, a word for a number, no reason', async ({ page, request }) => {
      await logInAs(page, 'anna');
      const id = await milestoneIdOf(request, SEED.lithium2030);
      const exported = await page.request.get('/api/export/milestones.csv');
      const lines = (await exported.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
      const header = lines[0] ?? '';
      const delimiter = header.includes(';') ? ';' : ',';
      const columns = header.split(delimiter).map((c) => c.replace(/^"|"$/g, ''));
      const cell = (name: string, value: string) => (c: string) => (c === name ? value : '');
      const row = (values: (c: string) => string) => columns.map((c) => `"${values(c)}"`).join(delimiter);
      const idColumn = columns[0] ?? '';
      const version = columns[1] ?? '';
      const start = columns.find((c) => /Плановое начало|Planned start/.test(c)) ?? '';
      const title = columns.find((c) => /^Название|^Title/.test(c)) ?? '';
      const file = [
        header,
        row((c) => ({ [idColumn]: String(id), [version]: '1', [start]: '2030-02-30' })[c] ?? ''),
        row((c) => ({ [idColumn]: String(id + 1), [version]: '1', [title]: LONG(301) })[c] ?? ''),
        row(cell(idColumn, 'abc')),
      ].join('\r\n');
      await open(page, language, '/?view=table');
      await page.getByRole('button', { name: t.csv.import, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel(t.csv.file, { exact: true })
        .setInputFiles({ name: 'roadmap.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await dialog.getByRole('button', { name: t.csv.preview }).click();
      const errors = dialog.getByTestId('csv-import-errors');
      await expect(errors).toContainText(t.csv.errors.noSuchDate);
      await expect(errors).toContainText(t.errors.tooLong.replace('{{max}}', '300'));
      await expectEveryWordTranslated(page, language, 'csv import', errors.locator('tbody td'));
    });

    test('article intake: empty and oversized article, a source without a title', async ({ page }) => {
      await logInAs(page, 'anna');
      await open(page, language, '/?view=intake');
      await page.getByRole('button', { name: t.intake.analyse, exact: true }).click();
      const form = page.locator('form.intake-article');
      await expectEveryWordTranslated(page, language, 'intake empty', fieldErrors(form));
      await form.locator('[name=title]').fill(LONG(501));
      await form.locator('[name=publisher]').fill(LONG(201));
      await page.getByRole('button', { name: t.intake.analyse, exact: true }).click();
      await expectEveryWordTranslated(page, language, 'intake oversized', fieldErrors(form));
    });

    test('users: empty, oversized, a login with spaces, a short password', async ({ page, server }) => {
      const login = `words${language}`;
      await addUser(server.database, { login: login, name: 'Admin Words', role: 'admin' });
      const answer = await page.request.post('/trpc/auth.login', { data: { login, password: PASSWORD } });
      expect(answer.ok()).toBe(true);
      await open(page, language, '/?view=users');
      const form = page.getByRole('form', { name: t.users.add });
      await form.getByRole('button', { name: t.users.add }).click();
      await expectEveryWordTranslated(page, language, 'user empty', fieldErrors(form));
      await form.locator('input').nth(0).fill('a b');
      await form.locator('input').nth(1).fill(LONG(201));
      await form.locator('input[type=password]').fill('short');
      await form.getByRole('button', { name: t.users.add }).click();
      await expect(form.getByText(t.errors.loginChars)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'user oversized', fieldErrors(form));
      await form.locator('input').nth(0).fill(LONG(101));
      await form.getByRole('button', { name: t.users.add }).click();
      await expectEveryWordTranslated(page, language, 'user login oversized', fieldErrors(form));

      // A role change, confirmed: demoting the last active admin is refused, in words.
      for (const other of ['wordsru', 'wordsen'].filter((l) => l !== login)) {
        const role = page.getByLabel(`${t.users.role}: ${other}`, { exact: true });
        if ((await role.count()) === 0 || (await role.inputValue()) !== 'admin') continue;
        await role.selectOption('viewer');
        await page.getByRole('button', { name: t.users.confirmRoleYes }).click();
        await expect(role).toHaveValue('viewer');
      }
      await page.getByLabel(`${t.users.role}: ${login}`, { exact: true }).selectOption('viewer');
      await page.getByRole('button', { name: t.users.confirmRoleYes }).click();
      await expect(page.getByText(t.errors.lastAdmin)).toBeVisible();
      await expectEveryWordTranslated(page, language, 'user role', page.getByText(t.errors.lastAdmin));
    });
  });
}

async function milestoneIdOf(request: import('@playwright/test').APIRequestContext, title: string): Promise<number> {
  const response = await request.get(`/trpc/milestone.list?input=${encodeURIComponent('{}')}`);
  const body = (await response.json()) as { result: { data: { id: number; title: string }[] } };
  const found = body.result.data.find((m) => m.title === title);
  if (!found) throw new Error(`no milestone ${title}`);
  return found.id;
}
