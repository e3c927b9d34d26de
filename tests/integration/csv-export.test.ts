import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToSearchParams } from '../../client/app/url-state';
import { openReadSnapshot } from '../../server/db/read-snapshot';
import { milestones, participants } from '../../server/db/schema';
import { attachmentDisposition } from '../../server/http/csv-routes';
import { listHistory } from '../../server/services/history/list';
import { createMilestone } from '../../server/services/milestone/create';
import { getMilestone } from '../../server/services/milestone/get';
import { listMilestones } from '../../server/services/milestone/list';
import { updateMilestone } from '../../server/services/milestone/update';
import { listRegions, listWorkstreams } from '../../server/services/reference';
import { createSource } from '../../server/services/source/create';
import { csvFileName, MILESTONE_CSV_COLUMNS, messagesFor } from '../../shared/csv';
import { formatPlannedDate, type Language } from '../../shared/date-label';
import type { MilestoneFilter } from '../../shared/milestone';
import { BOM, csvObjects, download, expectCrlfRecords, logIn, parseCsv } from '../helpers/csv';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, sessionUser, startServer, type TestServer, type TestUsers } from '../helpers/users';

/**
 * The CSV downloads over real HTTP, parsed back with csv-parse and compared with what the
 * services return for the same filter: Cyrillic, quotes, both delimiters and line breaks
 * inside fields come back exactly; BOM, CRLF, the header and the file name are as promised.
 */

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;
let tricky: number;
let successor: number;

const TRICKY_TITLE = 'Завод "Редкие металлы", этап 1; пуск\nвторая строка — «ёлочки»';
const TRICKY_QUOTE = 'Цитата с "кавычками", запятыми; точкой с запятой и\r\nпереводом строки';
const TRICKY_PARTICIPANT = 'ООО "Ромашка", Красноярск; филиал\n№ 2';

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  const db = t.handle.db;
  const planner = sessionUser(users.planner);
  const source = await createSource(db, planner, {
    title: 'Источник "в кавычках", с запятой; и точкой с запятой',
    publisher: 'Изд-во «Наука»\nСибирь',
    publishedOn: '2025-03-01',
    kind: 'other_media',
    reason: 'Новый источник для теста',
  });
  const [participant] = await t.handle.transaction((tx) =>
    tx
      .insert(participants)
      .values({ nameRu: TRICKY_PARTICIPANT, nameEn: 'Romashka LLC, "branch"', kind: 'company' })
      .returning({ id: participants.id }),
  );
  tricky = (
    await createMilestone(db, planner, {
      title: TRICKY_TITLE,
      titleEn: 'Plant "Rare metals", stage 1; launch',
      workstreamId: 1,
      regionId: 1,
      status: 'at_risk',
      planned: { start: '2028-07-01', end: '2028-09-30', precision: 'quarter' },
      participants: [
        { participantId: participant!.id, role: 'lead' },
        { participantId: 1, role: 'scientific_partner' },
      ],
      citation: { sourceId: source.id, quote: TRICKY_QUOTE },
      reason: 'Объявлено в новостях',
    })
  ).id;
  successor = (
    await createMilestone(db, planner, {
      title: 'Следующий этап',
      workstreamId: 2,
      status: 'planned',
      planned: { start: '2030-01-01', end: '2030-12-31', precision: 'year' },
      citation: { sourceId: 1, quote: 'Вторая очередь к 2030 году' },
      reason: 'Объявлено в новостях',
    })
  ).id;
  await updateMilestone(db, planner, { id: successor, version: 1, predecessorIds: [tricky], reason: 'Связь этапов' });
  server = await startServer(t);
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

/** The rows the export promises for a filter, built from the services the screens use. */
async function expectedRows(filter: MilestoneFilter, language: Language): Promise<string[][]> {
  const m = messagesFor(language);
  const db = t.handle.db;
  const name = (item: { nameRu: string; nameEn: string | null } | undefined) =>
    item ? (language === 'en' && item.nameEn ? item.nameEn : item.nameRu) : '';
  const q = (text: string) => (language === 'en' ? `“${text}”` : `«${text}»`);
  const workstreams = new Map((await listWorkstreams(db)).map((w) => [w.id, w]));
  const regions = new Map((await listRegions(db)).map((r) => [r.id, r]));
  const rows: string[][] = [];
  for (const row of await listMilestones(db, filter, language)) {
    const details = await getMilestone(db, row.id);
    const cells: Record<(typeof MILESTONE_CSV_COLUMNS)[number], string> = {
      id: String(row.id),
      version: String(row.version),
      title: row.title,
      titleEn: row.titleEn ?? '',
      workstream: name(row.workstreamId === null ? undefined : workstreams.get(row.workstreamId)),
      region: name(row.regionId === null ? undefined : regions.get(row.regionId)),
      status: row.status,
      statusLabel: m.status[row.status],
      plannedStart: row.plannedStart ?? '',
      plannedEnd: row.plannedEnd ?? '',
      precision: row.plannedPrecision ?? '',
      dateLabel:
        row.plannedStart && row.plannedPrecision
          ? formatPlannedDate(row.plannedStart, row.plannedPrecision, language)
          : m.dates.undated,
      actualDate: row.actualDate ?? '',
      participants: details.participants.map((p) => `${name(p)} (${m.role[p.role]})`).join('; '),
      dependencies: details.predecessors
        .map((d) => `#${d.id} ${language === 'en' && d.titleEn ? d.titleEn : d.title}`)
        .join('; '),
      citations: details.citations
        .map(
          (c) =>
            `${c.source.publisher ?? m.details.publisherUnknown}, ${q(c.source.title)}, ${c.source.publishedOn ?? m.details.dateUnknown}: ${q(c.quote)}`,
        )
        .join('\n'),
      conflict: row.conflict ? m.csv.yes : '',
      confidence: m.confidence.level[row.confidence.level],
      confidenceReasons: row.confidence.reasons.join('; '),
    };
    rows.push(MILESTONE_CSV_COLUMNS.map((c) => cells[c]));
  }
  return rows;
}

describe('GET /api/export/milestones.csv', () => {
  it('answers the Russian file: BOM, CRLF, `;`, the Russian header, a dated name, every row equal to the database', async () => {
    const file = await download(base, '/api/export/milestones.csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const name = csvFileName('milestones', new Date());
    expect(name).toMatch(/^roadmap-milestones-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    expect(file.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const header =
      'ID вехи;Версия;Название;Название (англ.);Направление;Регион;Код статуса;Статус;Плановое начало;Плановое окончание;Точность;Срок;Фактическая дата;Участники и роли;Зависит от;Источники и цитаты;Источники расходятся;Уверенность в сроке;Почему такая уверенность\r\n';
    expect(file.text.startsWith(header)).toBe(true);

    const records = parseCsv(file.text, ';');
    expect(expectCrlfRecords(file.text)).toBe(records.length);
    const expected = await expectedRows({}, 'ru');
    expect(expected.length).toBeGreaterThan(10);
    expect(records.slice(1)).toEqual(expected);
  });

  it('keeps quotes, both delimiters, line breaks and Cyrillic inside fields', async () => {
    const file = await download(base, '/api/export/milestones.csv?q=редкие металлы');
    const [row] = csvObjects(file.text, ';').filter((r) => r['ID вехи'] === String(tricky));
    expect(row).toMatchObject({
      Название: TRICKY_TITLE,
      'Название (англ.)': 'Plant "Rare metals", stage 1; launch',
      'Код статуса': 'at_risk',
      Статус: 'Под угрозой',
      'Плановое начало': '2028-07-01',
      'Плановое окончание': '2028-09-30',
      Точность: 'quarter',
      Срок: 'III кв. 2028',
      'Фактическая дата': '',
    });
    expect(row!['Участники и роли']).toMatch(/^.+ \(Научный партнёр\); /);
    expect(row!['Участники и роли']!.endsWith(`; ${TRICKY_PARTICIPANT} (Руководитель)`)).toBe(true);
    expect(row!['Источники и цитаты']).toBe(
      `Изд-во «Наука»\nСибирь, «Источник "в кавычках", с запятой; и точкой с запятой», 2025-03-01: «${TRICKY_QUOTE}»`,
    );
    // The raw bytes: a quote inside a field is doubled, the field quoted.
    expect(file.text).toContain('"Завод ""Редкие металлы"", этап 1; пуск\nвторая строка — «ёлочки»"');
    const [next] = csvObjects(file.text, ';').filter((r) => r['ID вехи'] === String(successor));
    expect(next).toBeUndefined();
    const all = csvObjects((await download(base, '/api/export/milestones.csv')).text, ';');
    expect(all.find((r) => r['ID вехи'] === String(successor))?.['Зависит от']).toBe(`#${tricky} ${TRICKY_TITLE}`);
  });

  it('lists exactly the milestones of the timeline URL, in the same order', async () => {
    const filters: MilestoneFilter[] = [
      { status: ['planned', 'at_risk'] },
      { workstream: [1, 2] },
      { q: 'РЕДКИЕ' },
      { q: 'кластер', status: ['done', 'planned', 'in_progress'] },
      { from: '2028-01-01', to: '2029-12-31' },
      { participant: [1] },
      { region: [1], from: '2020-01-01' },
      { status: ['cancelled'] },
    ];
    for (const filter of filters) {
      const file = await download(base, `/api/export/milestones.csv?${filterToSearchParams(filter)}&lang=ru`);
      expect(file.status, JSON.stringify(filter)).toBe(200);
      const ids = parseCsv(file.text, ';')
        .slice(1)
        .map((r) => Number(r[0]));
      expect(ids, JSON.stringify(filter)).toEqual((await listMilestones(t.handle.db, filter)).map((m) => m.id));
      expect(parseCsv(file.text, ';').slice(1)).toEqual(await expectedRows(filter, 'ru'));
    }
  });

  it('writes English with `,` for lang=en, and takes another delimiter when asked', async () => {
    const english = await download(base, '/api/export/milestones.csv?lang=en');
    expect(english.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    expect(english.text.split('\r\n')[0]).toBe(
      'Milestone ID,Version,Title (Russian),Title (English),Workstream,Region,Status code,Status,Planned start,Planned end,Precision,Date,Actual date,Participants and roles,Depends on,Sources and quotes,Sources disagree,Confidence in the date,Why this confidence',
    );
    expect(parseCsv(english.text, ',').slice(1)).toEqual(await expectedRows({}, 'en'));
    const row = csvObjects(english.text, ',').find((r) => r['Milestone ID'] === String(tricky));
    expect(row).toMatchObject({ Status: 'At risk', Date: 'Q3 2028' });

    const ruComma = await download(base, '/api/export/milestones.csv?lang=ru&delimiter=,');
    expect(ruComma.text.split('\r\n')[0]).toMatch(/^ID вехи,Версия,Название,/);
    expect(parseCsv(ruComma.text, ',').slice(1)).toEqual(await expectedRows({}, 'ru'));
    const enSemicolon = await download(base, '/api/export/milestones.csv?lang=en&delimiter=semicolon');
    expect(parseCsv(enSemicolon.text, ';').slice(1)).toEqual(await expectedRows({}, 'en'));
  });

  it('refuses a bad filter, language or delimiter with 400 instead of exporting more than asked', async () => {
    for (const query of [
      'status=unknown',
      'workstream=abc',
      'from=2030-02-30',
      'from=2031-01-01&to=2030-01-01',
      'lang=de',
      'delimiter=|',
    ]) {
      const file = await download(base, `/api/export/milestones.csv?${query}`);
      expect(file.status, query).toBe(400);
      expect(JSON.parse(file.text)).toMatchObject({ error: 'errors.invalidInput' });
    }
  });
});

describe('GET /api/export/history.csv', () => {
  it('has one row per history entry of the filter, with labels, values, reason and source', async () => {
    const file = await download(base, `/api/export/history.csv?milestoneId=${successor}`);
    expect(file.status).toBe(200);
    expect(file.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    expect(file.headers.get('content-disposition')).toMatch(/filename="roadmap-history-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(file.text.split('\r\n')[0]).toBe('Когда (UTC);Кто;ID вехи;Веха;Поле;Было;Стало;Причина;Источник');
    const records = parseCsv(file.text, ';');
    expect(expectCrlfRecords(file.text)).toBe(records.length);
    const rows = csvObjects(file.text, ';');
    const log = (await listHistory(t.handle.db, { milestoneId: successor, limit: 500 })).rows;
    expect(rows).toHaveLength(log.length);
    rows.forEach((row, i) => {
      const h = log[i]!;
      expect(row['Когда (UTC)']).toBe(h.at.replace('T', ' ').replace(/\.\d+Z$/, ''));
      expect(row.Кто).toBe('Planner Pavel');
      expect(row['ID вехи']).toBe(String(successor));
      expect(row.Причина).toBe(h.reason);
    });
    expect(rows[0]).toMatchObject({
      Веха: 'Следующий этап',
      Поле: 'Зависимости',
      Было: '',
      Стало: `#${tricky} ${TRICKY_TITLE}`,
      Причина: 'Связь этапов',
      Источник: '',
    });
    expect(rows[1]).toMatchObject({
      Поле: 'создана',
      Стало: 'Следующий этап',
      Источник: expect.stringMatching(/: «Вторая очередь к 2030 году»$/),
    });
  });

  it('names a status change in words, in the chosen language, with `,` for English', async () => {
    const db = t.handle.db;
    const planner = sessionUser(users.planner);
    const current = await getMilestone(db, tricky);
    await updateMilestone(db, planner, {
      id: tricky,
      version: current.version,
      status: 'delayed',
      planned: { start: '2029-01-01', end: '2029-12-31', precision: 'year' },
      reason: 'Перенос, "по словам" министра',
      citation: { sourceId: 1, quote: 'Срок сдвинут на 2029 год' },
    });
    const russian = csvObjects(
      (await download(base, `/api/export/history.csv?milestoneId=${tricky}&field=status`)).text,
      ';',
    );
    expect(russian).toEqual([
      expect.objectContaining({
        Поле: 'Статус',
        Было: 'Под угрозой',
        Стало: 'Отложено',
        Причина: 'Перенос, "по словам" министра',
      }),
    ]);
    const english = csvObjects(
      (await download(base, `/api/export/history.csv?milestoneId=${tricky}&field=planned&lang=en`)).text,
      ',',
    );
    expect(english).toEqual([
      expect.objectContaining({
        Field: 'Planned date',
        From: 'Q3 2028 (2028-07-01 – 2028-09-30)',
        To: '2029 (2029-01-01 – 2029-12-31)',
        Source: expect.stringMatching(/: “Срок сдвинут на 2029 год”$/),
      }),
    ]);
  });

  it('refuses a bad history filter with 400', async () => {
    expect((await download(base, '/api/export/history.csv?milestoneId=x')).status).toBe(400);
    expect((await download(base, '/api/export/history.csv?from=2026-13-01')).status).toBe(400);
  });
});

describe('access and headers', () => {
  it('follows READ_ACCESS: with `login`, 401 without a session and the file with one', async () => {
    const closed = await startServer(t, { READ_ACCESS: 'login' });
    try {
      for (const path of ['/api/export/milestones.csv', '/api/export/history.csv']) {
        const anonymous = await download(closed.baseUrl, path);
        expect(anonymous.status, path).toBe(401);
        expect(JSON.parse(anonymous.text)).toEqual({ error: 'errors.loginRequired' });
        const cookie = await logIn(closed.baseUrl, 'viewer', users.viewer.password);
        const viewer = await download(closed.baseUrl, path, cookie);
        expect(viewer.status, path).toBe(200);
        expect(viewer.bytes.subarray(0, 3).equals(BOM)).toBe(true);
      }
    } finally {
      await closed.close();
    }
  });

  it('writes Content-Disposition per RFC 6266 / 5987 for any file name', () => {
    expect(attachmentDisposition('дорожная карта (2026).csv')).toBe(
      `attachment; filename="________ _____ (2026).csv"; filename*=UTF-8''%D0%B4%D0%BE%D1%80%D0%BE%D0%B6%D0%BD%D0%B0%D1%8F%20%D0%BA%D0%B0%D1%80%D1%82%D0%B0%20%282026%29.csv`,
    );
    expect(attachmentDisposition('a"b\\c%d\'e*.csv')).toBe(
      `attachment; filename="a_b_c_d'e*.csv"; filename*=UTF-8''a%22b%5Cc%25d%27e%2A.csv`,
    );
  });
});

describe('the read snapshot behind a download', () => {
  it('lets a planner save while a download is being streamed, and keeps showing the rows as they were', async () => {
    const db = t.handle.db;
    const snapshot = await openReadSnapshot(db);
    try {
      const rows = snapshot.iterate(
        snapshot.db.select({ id: milestones.id, version: milestones.version }).from(milestones),
      );
      const first = await rows.next();
      expect(first.done).toBe(false);
      const current = await getMilestone(db, successor);
      // SQLite: on the shared connection this save would fail with "connection is busy" while the rows are iterated.
      await updateMilestone(db, sessionUser(users.planner2), {
        id: successor,
        version: current.version,
        title: 'Следующий этап (уточнено)',
        reason: 'Уточнено название',
      });
      const seen = [first.value!];
      for await (const row of rows) seen.push(row);
      expect(seen.find((r) => r.id === successor)?.version).toBe(current.version);
      // A side query made after the save (the download's names and quotes) sees the same moment.
      expect(await getMilestone(snapshot.db, successor)).toMatchObject({
        title: 'Следующий этап',
        version: current.version,
      });
      expect((await getMilestone(db, successor)).version).toBe(current.version + 1);
    } finally {
      await snapshot.close();
    }
  });
});
