import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMilestone } from '../../server/services/milestone/create';
import { getMilestone } from '../../server/services/milestone/get';
import { updateMilestone } from '../../server/services/milestone/update';
import { decodeCsvBytes, importReason } from '../../shared/csv';
import { csvObjects, download, logIn, parseCsv, postImport } from '../helpers/csv';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  countRows,
  createUsers,
  milestoneRow,
  sessionUser,
  startServer,
  type TestServer,
  type TestUsers,
  writeCounts,
} from '../helpers/users';

/**
 * The planner's CSV import over real HTTP: the export's own file, edited as a spreadsheet
 * would, read back. A dry run writes nothing and names every bad row; an apply writes all
 * rows with their history or nothing; exporting and importing unchanged data changes nothing.
 */

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;
let planner: string;

const CITATION = { sourceId: 1, quote: 'Сроки уточнены на совещании' };

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  server = await startServer(t);
  base = server.baseUrl;
  planner = await logIn(base, 'planner', users.planner.password);
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

/** A milestone of the test's own, so tests never depend on each other's changes. */
let serial = 0;
async function newMilestone() {
  serial += 1;
  const title = `Импортируемая веха ${serial}`;
  const { id } = await createMilestone(t.handle.db, sessionUser(users.planner), {
    title,
    titleEn: `Imported milestone ${serial}`,
    workstreamId: 1,
    status: 'planned',
    planned: { start: '2028-07-01', end: '2028-09-30', precision: 'quarter' },
    citation: { sourceId: 1, quote: 'Запуск в III квартале 2028 года' },
    reason: 'Объявлено',
  });
  return id;
}

interface Sheet {
  delimiter: ';' | ',';
  header: string[];
  rows: string[][];
}

/** The export as a spreadsheet holds it: a header and rows of text cells. */
async function exportSheet(query = '', delimiter: ';' | ',' = query.includes('lang=en') ? ',' : ';'): Promise<Sheet> {
  const file = await download(base, `/api/export/milestones.csv?${query}`);
  expect(file.status).toBe(200);
  const [header, ...rows] = parseCsv(file.text, delimiter);
  return { delimiter, header: header!, rows };
}

/** What a spreadsheet writes back on save (`bom: false` as Excel's plain "CSV" does). */
function saveSheet(sheet: Sheet, { bom = true } = {}): string {
  return stringify([sheet.header, ...sheet.rows], {
    delimiter: sheet.delimiter,
    bom,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
  });
}

function rowOf(sheet: Sheet, id: number): string[] {
  const row = sheet.rows.find((r) => r[0] === String(id));
  if (!row) throw new Error(`milestone ${id} not in the sheet`);
  return row;
}

function setCell(sheet: Sheet, id: number, column: string, value: string) {
  const index = sheet.header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  rowOf(sheet, id)[index] = value;
}

/** Spreadsheet row number (header = 1) of a milestone. */
function rowNumber(sheet: Sheet, id: number): number {
  return sheet.rows.indexOf(rowOf(sheet, id)) + 2;
}

function importFile(
  csv: string,
  dryRun: boolean,
  extra: { reason?: string; citation?: unknown; cookie?: string } = {},
) {
  return postImport(
    base,
    { fileName: 'roadmap.csv', csv, reason: extra.reason ?? 'Сверка с протоколом совещания', citation: extra.citation },
    { dryRun, cookie: extra.cookie ?? planner },
  );
}

let before: Awaited<ReturnType<typeof writeCounts>>;
beforeEach(async () => {
  before = await writeCounts(t.handle);
});

describe('round trip', () => {
  it('exporting and re-importing unchanged data changes nothing (Russian `;` with BOM, English `,` without)', async () => {
    for (const [query, delimiter, bom] of [
      ['', ';', true],
      ['lang=en', ',', false],
      ['lang=ru&delimiter=,', ',', false],
    ] as const) {
      const sheet = await exportSheet(query, delimiter);
      const versions = sheet.rows.map((r) => r[1]);
      const csv = saveSheet(sheet, { bom });
      const dry = await importFile(csv, true, { reason: '' });
      expect(dry.status, query).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, applied: false, rows: [], errors: [] });
      expect(dry.body.total).toBe(sheet.rows.length);
      expect(dry.body.unchanged).toBe(sheet.rows.length);
      const applied = await importFile(csv, false, { reason: '' });
      expect(applied.status, query).toBe(200);
      expect(applied.body).toMatchObject({ applied: false, rows: [], errors: [] });
      expect(await writeCounts(t.handle)).toEqual(before);
      expect((await exportSheet(query, delimiter)).rows.map((r) => r[1])).toEqual(versions);
    }
  });

  it('reads dates as a Russian spreadsheet saves them (ДД.ММ.ГГГГ), and Windows-1251 text', async () => {
    const sheet = await exportSheet();
    for (const row of sheet.rows) {
      for (const c of [8, 9, 12]) row[c] = (row[c] ?? '').replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1');
    }
    const dry = await importFile(saveSheet(sheet, { bom: false }), true);
    expect(dry.body).toMatchObject({ rows: [], errors: [] });
    const cp1251 = Uint8Array.from([0xd1, 0xf2, 0xe0, 0xf2, 0xf3, 0xf1, 0x3b, 0xb8, 0xeb, 0xea, 0xe0]);
    expect(decodeCsvBytes(cp1251)).toBe('Статус;ёлка');
    expect(decodeCsvBytes(new TextEncoder().encode('\uFEFFСтатус;ёлка'))).toBe('Статус;ёлка');
  });
});

describe('a planner edits a status in the spreadsheet', () => {
  it('previews the change without writing, applies it with history naming the file, and the export shows it', async () => {
    const id = await newMilestone();
    before = await writeCounts(t.handle);
    const sheet = await exportSheet();
    // In a spreadsheet one edits the readable status, not the code.
    setCell(sheet, id, 'Статус', 'Под угрозой');
    const csv = saveSheet(sheet);

    const dry = await importFile(csv, true, { citation: CITATION });
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows).toEqual([
      {
        row: rowNumber(sheet, id),
        id,
        title: (await getMilestone(t.handle.db, id)).title,
        changes: [{ field: 'status', from: 'planned', to: 'at_risk' }],
      },
    ]);
    expect(await writeCounts(t.handle)).toEqual(before);
    expect((await milestoneRow(t.handle, id)).version).toBe(1);

    const applied = await importFile(csv, false, { citation: CITATION });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, errors: [], rows: dry.body.rows });
    expect(await milestoneRow(t.handle, id)).toMatchObject({ status: 'at_risk', version: 2 });
    expect(await writeCounts(t.handle)).toMatchObject({ history: before.history + 1, citations: before.citations + 1 });

    const history = csvObjects(
      (await download(base, `/api/export/history.csv?milestoneId=${id}&field=status`)).text,
      ';',
    );
    expect(history).toEqual([
      expect.objectContaining({
        Кто: 'Planner Pavel',
        Поле: 'Статус',
        Было: 'Запланировано',
        Стало: 'Под угрозой',
        Причина: importReason('roadmap.csv', 'Сверка с протоколом совещания'),
        Источник: expect.stringMatching(/: «Сроки уточнены на совещании»$/),
      }),
    ]);
    expect(history[0]!.Причина).toBe('Импорт из файла roadmap.csv: Сверка с протоколом совещания');
    const after = csvObjects((await download(base, '/api/export/milestones.csv')).text, ';').find(
      (r) => r['ID вехи'] === String(id),
    );
    expect(after).toMatchObject({ Версия: '2', 'Код статуса': 'at_risk', Статус: 'Под угрозой' });
  });

  it('applies titles, codes, dates and precision; a moved start takes its whole period', async () => {
    const id = await newMilestone();
    before = await writeCounts(t.handle);
    const sheet = await exportSheet('lang=en');
    setCell(sheet, id, 'Title (Russian)', '  Новое название, "уточнённое"  ');
    setCell(sheet, id, 'Title (English)', '');
    setCell(sheet, id, 'Status code', 'in_progress');
    setCell(sheet, id, 'Planned start', '2029-04-01');
    setCell(sheet, id, 'Actual date', '15.05.2029');
    const dry = await importFile(saveSheet(sheet, { bom: false }), true, { citation: CITATION });
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.rows[0]?.changes).toEqual([
      { field: 'title', from: (await getMilestone(t.handle.db, id)).title, to: 'Новое название, "уточнённое"' },
      { field: 'titleEn', from: `Imported milestone ${serial}`, to: null },
      { field: 'status', from: 'planned', to: 'in_progress' },
      {
        field: 'planned',
        from: { start: '2028-07-01', end: '2028-09-30', precision: 'quarter' },
        to: { start: '2029-04-01', end: '2029-06-30', precision: 'quarter' },
      },
      { field: 'actualDate', from: null, to: '2029-05-15' },
    ]);
    const applied = await importFile(saveSheet(sheet, { bom: false }), false, { citation: CITATION });
    expect(applied.status).toBe(200);
    expect(await milestoneRow(t.handle, id)).toMatchObject({
      title_ru: 'Новое название, "уточнённое"',
      title_en: null,
      status: 'in_progress',
      planned_start: '2029-04-01',
      planned_end: '2029-06-30',
      planned_precision: 'quarter',
      actual_date: '2029-05-15',
      version: 2,
    });
    expect(await countRows(t.handle, 'history', `milestone_id = ${id} and action = 'update'`)).toBe(5);
  });

  it('creates a new source once for every row that cites it', async () => {
    const [a, b] = [await newMilestone(), await newMilestone()];
    before = await writeCounts(t.handle);
    const sheet = await exportSheet();
    setCell(sheet, a, 'Код статуса', 'delayed');
    setCell(sheet, b, 'Точность', 'year');
    const citation = {
      newSource: { title: 'Протокол совещания', publisher: 'Минпромторг' },
      quote: 'Сроки пересмотрены',
    };
    const applied = await importFile(saveSheet(sheet), false, { citation });
    expect(applied.status).toBe(200);
    expect(applied.body.rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(await writeCounts(t.handle)).toMatchObject({ sources: before.sources + 1, citations: before.citations + 2 });
    expect(await milestoneRow(t.handle, b)).toMatchObject({ planned_start: '2028-01-01', planned_end: '2028-12-31' });
  });
});

describe('a dry run reports bad rows without writing', () => {
  it('names every bad row with its row, column and message', async () => {
    const [stale, good, other] = [await newMilestone(), await newMilestone(), await newMilestone()];
    const sheet = await exportSheet();
    await updateMilestone(t.handle.db, sessionUser(users.planner2), {
      id: stale,
      version: 1,
      title: 'Changed meanwhile',
      reason: 'Уточнение',
    });
    before = await writeCounts(t.handle);
    setCell(sheet, stale, 'Код статуса', 'done');
    setCell(sheet, good, 'Код статуса', 'done');
    setCell(sheet, other, 'Плановое начало', '2029-02-30');
    setCell(sheet, other, 'Точность', 'decade');
    setCell(sheet, other, 'Фактическая дата', 'вчера');
    const width = sheet.header.length;
    const blank = () => Array.from({ length: width }, () => '');
    const fresh = await newMilestone();
    before = await writeCounts(t.handle);
    // id, version, title, …, status code (6), status (7), planned start (8), end (9), precision (10), actual (12).
    sheet.rows.push(
      Object.assign(blank(), { 0: '999999', 1: '1' }),
      Object.assign(blank(), { 0: 'abc', 1: 'x' }),
      Object.assign(blank(), { 0: '', 1: '1', 2: 'Новая веха' }),
      [...rowOf(sheet, good)],
      [String(other), '1', 'a', 'b', 'c'],
      Object.assign(blank(), { 0: String(fresh), 1: '1', 6: 'finished', 10: 'quarter' }),
    );
    const n = sheet.rows.length + 1;

    const dry = await importFile(saveSheet(sheet), true, { citation: CITATION });
    expect(dry.status).toBe(200);
    const expected = [
      {
        row: rowNumber(sheet, stale),
        column: 'version',
        message: 'csv.errors.staleVersion',
        params: { current: 2, version: 1 },
      },
      { row: rowNumber(sheet, other), column: 'plannedStart', message: 'csv.errors.noSuchDate' },
      { row: rowNumber(sheet, other), column: 'precision', message: 'csv.errors.precision' },
      { row: rowNumber(sheet, other), column: 'actualDate', message: 'csv.errors.date' },
      { row: n - 5, column: 'id', message: 'csv.errors.unknownMilestone' },
      { row: n - 4, column: 'id', message: 'csv.errors.notNumber' },
      { row: n - 4, column: 'version', message: 'csv.errors.notNumber' },
      { row: n - 3, column: 'id', message: 'csv.errors.idRequired' },
      { row: n - 2, column: 'id', message: 'csv.errors.duplicateRow', params: { row: rowNumber(sheet, good) } },
      { row: n - 1, column: null, message: 'csv.errors.cellCount', params: { count: 5, expected: width } },
      { row: n, column: 'title', message: 'errors.required' },
      { row: n, column: 'status', message: 'csv.errors.unknownStatus', params: { value: 'finished' } },
      { row: n, column: 'plannedStart', message: 'csv.errors.startRequired' },
    ].sort((x, y) => x.row - y.row);
    expect(dry.body.errors).toEqual(expected);
    // The good row is still previewed, so the planner sees what the file would do once fixed.
    expect(dry.body.rows.map((r) => r.id)).toEqual([good]);
    expect(await writeCounts(t.handle)).toEqual(before);

    const applied = await importFile(saveSheet(sheet), false, { citation: CITATION });
    expect(applied.status).toBe(409);
    expect(applied.body.applied).toBe(false);
    expect(await writeCounts(t.handle)).toEqual(before);
    expect((await milestoneRow(t.handle, good)).status).toBe('planned');
  });

  it('names problems of the header, the file and the form', async () => {
    const header = await importFile('ID вехи;Версия;Цвет;Статус;Статус\r\n1;1;красный;;\r\n', true);
    expect(header.body.errors).toEqual([
      { row: 1, column: 'Цвет', message: 'csv.errors.unknownColumn', params: { name: 'Цвет' } },
      { row: 1, column: 'statusLabel', message: 'csv.errors.duplicateColumn', params: { name: 'Статус' } },
    ]);
    const missing = await importFile('Название;Статус\r\nВеха;Выполнено\r\n', true);
    expect(missing.body.errors).toEqual([
      { row: 1, column: 'id', message: 'csv.errors.missingColumn' },
      { row: 1, column: 'version', message: 'csv.errors.missingColumn' },
    ]);
    const malformed = await importFile('ID вехи;Версия;Название\r\n\r\n1;1;x\r\n1;1;"не закрыта\r\n2;1;x\r\n', true);
    expect(malformed.body.errors).toEqual([{ row: 4, column: null, message: 'csv.errors.malformed' }]);
    const badQuote = await importFile('ID вехи;Версия;Название\r\n1;1;"x"y\r\n', true);
    expect(badQuote.body.errors).toEqual([{ row: 2, column: null, message: 'csv.errors.malformed' }]);
    expect((await importFile('', true)).body.errors).toEqual([
      { row: null, column: null, message: 'csv.errors.empty' },
    ]);

    const id = await newMilestone();
    before = await writeCounts(t.handle);
    const sheet = await exportSheet();
    setCell(sheet, id, 'Код статуса', 'done');
    const form = await importFile(saveSheet(sheet), true, { reason: 'x' });
    expect(form.body.errors).toEqual([
      { row: null, column: 'reason', message: 'errors.reasonRequired' },
      { row: null, column: 'citation', message: 'errors.citationRequired' },
    ]);
    const quoteless = await importFile(saveSheet(sheet), true, { citation: { sourceId: 1, quote: ' ' } });
    expect(quoteless.body.errors).toContainEqual({
      row: null,
      column: 'citation.quote',
      message: 'errors.quoteRequired',
    });
    const unknownSource = await importFile(saveSheet(sheet), false, { citation: { sourceId: 99999, quote: 'Цитата' } });
    expect(unknownSource.status).toBe(400);
    expect(unknownSource.body.errors).toEqual([
      { row: null, column: 'citation.sourceId', message: 'errors.sourceNotFound' },
    ]);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('refuses a status label that contradicts a changed status code', async () => {
    const id = await newMilestone();
    const sheet = await exportSheet();
    setCell(sheet, id, 'Код статуса', 'done');
    setCell(sheet, id, 'Статус', 'Отменено');
    const dry = await importFile(saveSheet(sheet), true, { citation: CITATION });
    expect(dry.body.errors).toEqual([
      { row: rowNumber(sheet, id), column: 'statusLabel', message: 'csv.errors.statusConflict' },
    ]);
  });
});

describe('apply is all or nothing', () => {
  it('writes none of the good rows when one row is bad', async () => {
    const [a, b, c] = [await newMilestone(), await newMilestone(), await newMilestone()];
    const sheet = await exportSheet();
    setCell(sheet, a, 'Код статуса', 'done');
    setCell(sheet, b, 'Название', 'Переименовано');
    setCell(sheet, c, 'Плановое окончание', '2028-13-01');
    before = await writeCounts(t.handle);
    const applied = await importFile(saveSheet(sheet), false, { citation: CITATION });
    expect(applied.status).toBe(400);
    expect(applied.body).toMatchObject({
      applied: false,
      errors: [{ row: rowNumber(sheet, c), column: 'plannedEnd', message: 'csv.errors.noSuchDate' }],
    });
    expect(await writeCounts(t.handle)).toEqual(before);
    for (const id of [a, b, c]) expect((await milestoneRow(t.handle, id)).version).toBe(1);
  });

  it('refuses a file exported before another planner saved: 409, the row named, nothing written', async () => {
    const [a, b] = [await newMilestone(), await newMilestone()];
    const sheet = await exportSheet();
    setCell(sheet, a, 'Код статуса', 'done');
    setCell(sheet, b, 'Код статуса', 'done');
    await updateMilestone(t.handle.db, sessionUser(users.planner2), {
      id: b,
      version: 1,
      title: 'Тем временем',
      reason: 'Уточнение',
    });
    before = await writeCounts(t.handle);
    const applied = await importFile(saveSheet(sheet), false, { citation: CITATION });
    expect(applied.status).toBe(409);
    expect(applied.body.errors).toEqual([
      {
        row: rowNumber(sheet, b),
        column: 'version',
        message: 'csv.errors.staleVersion',
        params: { current: 2, version: 1 },
      },
    ]);
    expect(await writeCounts(t.handle)).toEqual(before);
    expect(await milestoneRow(t.handle, a)).toMatchObject({ status: 'planned', version: 1 });
  });
});

describe('who may import, and how', () => {
  const csv = 'ID вехи;Версия\r\n1;1\r\n';

  it('needs a planner or an admin: 401 without a session, 403 for a viewer', async () => {
    expect((await postImport(base, { fileName: 'a.csv', csv }, { dryRun: true })).status).toBe(401);
    const viewer = await logIn(base, 'viewer', users.viewer.password);
    const refused = await postImport(base, { fileName: 'a.csv', csv }, { dryRun: true, cookie: viewer });
    expect(refused.status).toBe(403);
    // Refusals of the procedure come in tRPC's error shape, as over /trpc.
    expect(refused.body).toMatchObject({
      error: { message: 'errors.forbidden', data: { code: 'FORBIDDEN', httpStatus: 403, path: 'milestone.importCsv' } },
    });
    const admin = await logIn(base, 'admin', users.admin.password);
    expect((await postImport(base, { fileName: 'a.csv', csv }, { dryRun: true, cookie: admin })).status).toBe(200);
  });

  it('refuses a cross-site request and a body that is not JSON', async () => {
    const crossSite = await postImport(
      base,
      { fileName: 'a.csv', csv },
      {
        dryRun: false,
        cookie: planner,
        headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      },
    );
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${base}/api/import/milestones.csv?dryRun=0`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: planner },
      body: csv,
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${base}/api/import/milestones.csv?dryRun=0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planner },
      body: '{"fileName": "a.csv", "csv": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'errors.invalidInput' });
    const shapeless = await postImport(base, { fileName: '', csv: csv }, { dryRun: true, cookie: planner });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body).toMatchObject({
      error: {
        message: 'errors.invalidInput',
        data: { code: 'BAD_REQUEST', zodError: { fieldErrors: { fileName: ['errors.required'] } } },
      },
    });
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('takes files larger than the tRPC body limit, up to MAX_IMPORT_BYTES', async () => {
    const sheet = await exportSheet();
    // Long quotes in a read-only column, blank rows below the data: more than 1 MiB, nothing to change.
    sheet.rows[0]![15] = `«${'Цитата; "длинная", '.repeat(60_000)}»`;
    const big = `${saveSheet(sheet)}${';'.repeat(15)}\r\n${'\r\n'.repeat(50_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1_048_576);
    const accepted = await importFile(big, true);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ rows: [], errors: [] });

    const small = await startServer(t, { MAX_IMPORT_BYTES: '4096' });
    try {
      const cookie = await logIn(small.baseUrl, 'planner', users.planner.password);
      const refused = await postImport(small.baseUrl, { fileName: 'big.csv', csv: big }, { dryRun: true, cookie });
      expect(refused.status).toBe(413);
      expect(refused.body).toEqual({ error: 'csv.errors.tooLarge' });
    } finally {
      await small.close();
    }
  });
});
