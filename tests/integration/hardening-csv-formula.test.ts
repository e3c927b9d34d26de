import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLibreOffice } from '../../scripts/ensure-libreoffice.mjs';
import { milestones } from '../../server/db/schema';
import { appendHistory } from '../../server/services/history/append';
import { neutraliseFormula, restoreFormulaText } from '../../shared/csv';
import { download, logIn, postImport } from '../helpers/csv';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, startServer, type TestServer, type TestUsers } from '../helpers/users';

/**
 * CSV formula-safe whichever delimiter the spreadsheet picks. A planner's spreadsheet may open
 * the `;` file with `,` (or the other way round), or split a quoted line break into a new row:
 * every text cell is quoted, and a formula lead is neutralised after any delimiter or line
 * break a spreadsheet may split on, not only at the start of a cell. Checked exactly (the file
 * cut at every such place, and the import giving back the text), and in LibreOffice itself,
 * headless, opening each export with either delimiter.
 */

/** Text that turns into a formula when the file is split at a place other than where it was written. */
const PAYLOADS = [
  'Завод,=2+3',
  'Завод;=2+3',
  'Завод, =2+3',
  'Завод,\u00a0@SUM(1)',
  'x\n=1+1',
  'x\r\n@SUM(A1:A9)',
  'x\r=1',
  'a\t=1',
  'Итоги, -5% к плану',
  'a,"=1',
  'a;\n+1',
  "a,'=1",
  'a,,=1;;+2',
  '=HYPERLINK("http://evil.example/";"x")',
  '"=1',
  'Обычное название, без формул; и с переносом\nстроки',
];

/** What no piece of the file may start with, wherever a spreadsheet cuts it: a formula. */
const FORMULA_LEAD = /^["\s]*[=+\-@＝＋－＠]/;

const exec = promisify(execFile);
let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  users = await createUsers(t.handle.db);
  const now = '2026-05-01T10:00:00.000Z';
  await t.handle.transaction(async (tx) => {
    for (const payload of PAYLOADS) {
      const [row] = await tx
        .insert(milestones)
        .values({
          titleRu: payload,
          titleEn: `${payload} (en)`,
          status: 'planned',
          plannedStart: '2030-01-01',
          plannedEnd: '2030-12-31',
          plannedPrecision: 'year',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: milestones.id });
      await appendHistory(tx, now, [
        {
          userId: users.planner.id,
          milestoneId: row!.id,
          entity: 'milestone',
          entityId: row!.id,
          action: 'update',
          field: 'title',
          from: payload,
          to: `${payload}!`,
          reason: payload,
        },
      ]);
    }
  });
  server = await startServer(t);
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

const EXPORTS = [
  ['/api/export/milestones.csv?lang=ru', ';'],
  ['/api/export/milestones.csv?lang=en', ','],
  ['/api/export/history.csv?lang=ru&field=title', ';'],
  ['/api/export/history.csv?lang=en&field=title', ','],
] as const;

/** RFC 4180 fields as written: each field's text and whether it was quoted. */
function fieldsOf(text: string, delimiter: string): { value: string; quoted: boolean; record: number }[] {
  const fields: { value: string; quoted: boolean; record: number }[] = [];
  let record = 0;
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          value += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r') value += text[i++];
    }
    fields.push({ value, quoted, record });
    if (text[i] === delimiter) i += 1;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      record += 1;
    }
  }
  return fields;
}

describe('the exports, read as a spreadsheet may read them', () => {
  it('quote every text cell of every row (ids, versions and dates stay bare numbers and dates)', async () => {
    for (const [path, delimiter] of EXPORTS) {
      const fields = fieldsOf((await download(base, path)).text, delimiter).filter((f) => f.record > 0);
      expect(fields.length).toBeGreaterThan(PAYLOADS.length * 5);
      for (const field of fields) {
        const bare = /^(\d+|\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?|)$/.test(field.value);
        expect(field.quoted || bare, `${path}: ${JSON.stringify(field.value)}`).toBe(true);
        if (field.value !== '' && !bare) expect(field.quoted, `${path}: ${JSON.stringify(field.value)}`).toBe(true);
      }
    }
  });

  it('hold no formula lead wherever the file is cut: at either delimiter, a tab or any line break', async () => {
    for (const [path] of EXPORTS) {
      const { text } = await download(base, path);
      const pieces = text.split(/[,;\t\r\n]/);
      for (const piece of pieces) expect(piece, `${path}: ${JSON.stringify(piece)}`).not.toMatch(FORMULA_LEAD);
    }
  });

  it('give back the exact text on import: the export re-imported changes nothing', async () => {
    const cookie = await logIn(base, 'planner', users.planner.password);
    for (const lang of ['ru', 'en']) {
      const file = await download(base, `/api/export/milestones.csv?lang=${lang}`);
      const result = await postImport(
        base,
        { fileName: 'formulas.csv', csv: file.text, reason: '' },
        { dryRun: true, cookie },
      );
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ total: PAYLOADS.length, unchanged: PAYLOADS.length, rows: [], errors: [] });
    }
  });
});

describe('neutraliseFormula / restoreFormulaText, after any delimiter or line break', () => {
  const risky = fc
    .array(
      fc.constantFrom("'", '"', '=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u00a0', ',', ';', 'a', 'я', '1', '＝'),
      { maxLength: 10 },
    )
    .map((chars) => chars.join(''));

  it('leave no formula lead at the start or after any of , ; tab CR LF, and restore the exact text', () => {
    fc.assert(
      fc.property(fc.oneof(risky, fc.string()), (text) => {
        const cell = neutraliseFormula(text);
        for (const piece of cell.split(/[,;\t\r\n]/)) expect(piece).not.toMatch(FORMULA_LEAD);
        expect(restoreFormulaText(cell)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['Завод,=2+3', "Завод,'=2+3"],
    ['x\n=1+1', "x\n'=1+1"],
    ['a, -5%', "a,' -5%"],
    ['a,"=1', 'a,\'"=1'],
    ['=1', "'=1"],
    ['a=1, b', 'a=1, b'],
    ['Обычный текст; без формул', 'Обычный текст; без формул'],
  ])('%j → %j', (text, cell) => {
    expect(neutraliseFormula(text)).toBe(cell);
    expect(restoreFormulaText(cell)).toBe(text);
  });
});

describe('in LibreOffice, opened with either delimiter', () => {
  let soffice: string;
  let dir: string;
  beforeAll(() => {
    // Finds LibreOffice, or installs it when root (scripts/ensure-libreoffice.mjs); fails, never skips.
    soffice = ensureLibreOffice();
    dir = mkdtempSync(join(tmpdir(), 'roadmap-lo-'));
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The files opened the way Calc opens a CSV (formulas evaluated), with `separator`, saved as flat ODF. */
  async function openInCalc(files: string[], separator: ',' | ';') {
    const out = join(dir, separator === ',' ? 'comma' : 'semicolon');
    await exec(
      soffice,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        `--infilter=CSV:${separator.charCodeAt(0)},34,76,1`,
        '--convert-to',
        'fods',
        '--outdir',
        out,
        ...files,
      ],
      { timeout: 120_000 },
    );
    return files.map((f) =>
      readFileSync(
        join(
          out,
          f
            .split('/')
            .pop()!
            .replace(/\.csv$/, '.fods'),
        ),
        'utf8',
      ),
    );
  }

  it('turns no cell of any export into a formula', async () => {
    const files = await Promise.all(
      EXPORTS.map(async ([path], i) => {
        const file = join(dir, `export-${i}.csv`);
        writeFileSync(file, (await download(base, path)).bytes);
        return file;
      }),
    );
    for (const separator of [',', ';'] as const) {
      const sheets = await openInCalc(files, separator);
      for (const [i, sheet] of sheets.entries()) {
        const what = `${EXPORTS[i]![0]} opened with "${separator}"`;
        expect(sheet, what).toContain('Завод');
        expect(sheet.match(/table:formula="[^"]*"/g) ?? [], what).toEqual([]);
      }
    }
  }, 300_000);
});
