import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import type { ClaimRank, Qualifier } from '../../../shared/claim-enums';
import { reasonText } from '../../../shared/claim-text';
import type { ConfidenceReason } from '../../../shared/claims';
import {
  type CsvFormat,
  HISTORY_CSV_COLUMNS,
  MILESTONE_CSV_COLUMNS,
  messagesFor,
  neutraliseFormula,
} from '../../../shared/csv';
import { formatPlannedDate, type Language } from '../../../shared/date-label';
import type { HistoryFilter } from '../../../shared/history';
import type { Messages } from '../../../shared/i18n/ru';
import type { MilestoneFilter } from '../../../shared/milestone';
import type { PlannedDate, Precision } from '../../../shared/precision';
import type { SourceKind } from '../../../shared/source';
import type { Db } from '../../db/client';
import { aliasOf, jsonRows } from '../../db/dialect';
import { openReadSnapshot, type ReadSnapshot } from '../../db/read-snapshot';
import {
  citations,
  claims,
  dependencies,
  milestoneParticipants,
  milestones,
  participants,
  regions,
  sources,
  workstreams,
} from '../../db/schema';
import { assessEvidence, evidenceOf, today } from '../claim/read';
import { historyConditions, historyQuery } from '../history/list';
import { matchesEvidence, milestoneFilterCondition, milestoneListOrder } from '../milestone/list';

/**
 * CSV downloads, written row by row from a read snapshot: a record is built, handed to the
 * stringifier and forgotten, so 100k milestones take no more memory than ten. Dates stay
 * `YYYY-MM-DD` and ids plain numbers, so a spreadsheet reads them as dates and numbers.
 */

/**
 * A cell written as it is, never quoted nor touched for formulas: the header's labels and the
 * dates and times the export itself formats, so spreadsheets read them as dates. Every other
 * string is a text cell (see `csvStream`).
 */
class Verbatim {
  constructor(readonly text: string) {}
}
const verbatim = (text: string | null) => (text === null ? null : new Verbatim(text));

type Cell = string | number | null | Verbatim;
type CsvRecord = Cell[];

interface Named {
  nameRu: string | null;
  nameEn: string | null;
}

function nameIn(language: Language, item: Named): string {
  return (language === 'en' && item.nameEn ? item.nameEn : item.nameRu) ?? '';
}

function quoted(language: Language, text: string): string {
  return language === 'en' ? `“${text}”` : `«${text}»`;
}

/** "Publisher, «Title», 2025-10-01" — the way a source is named in every cell that cites one. */
function sourceLabel(
  m: Messages,
  language: Language,
  s: { publisher: string | null; title: string | null; publishedOn: string | null },
): string {
  return [
    s.publisher ?? m.details.publisherUnknown,
    quoted(language, s.title ?? ''),
    s.publishedOn ?? m.details.dateUnknown,
  ].join(', ');
}

const predecessor = aliasOf(milestones, 'predecessor');

/**
 * The export's rows with their roles, predecessors and quotes gathered by correlated
 * subqueries as JSON arrays: the database does the lookups in one pass of the sorted milestones,
 * where a batch of IN queries per thousand rows cost a third of the export's time.
 */
function exportQuery(db: Db, filter: MilestoneFilter) {
  return db
    .select({
      id: milestones.id,
      version: milestones.version,
      title: milestones.titleRu,
      titleEn: milestones.titleEn,
      workstreamRu: workstreams.nameRu,
      workstreamEn: workstreams.nameEn,
      regionRu: regions.nameRu,
      regionEn: regions.nameEn,
      status: milestones.status,
      plannedStart: milestones.plannedStart,
      plannedEnd: milestones.plannedEnd,
      plannedPrecision: milestones.plannedPrecision,
      actualDate: milestones.actualDate,
      roles: jsonRows(
        [participants.nameRu, participants.nameEn, milestoneParticipants.role],
        sql`from ${milestoneParticipants} join ${participants} on ${participants.id} = ${milestoneParticipants.participantId}
        where ${milestoneParticipants.milestoneId} = ${milestones.id} and ${milestoneParticipants.removedAt} is null`,
        milestoneParticipants.id,
      ),
      predecessors: jsonRows(
        [predecessor.id, predecessor.titleRu, predecessor.titleEn],
        sql`from ${dependencies} join ${milestones} as ${sql.identifier('predecessor')} on ${predecessor.id} = ${dependencies.predecessorId}
        where ${dependencies.successorId} = ${milestones.id}`,
        predecessor.id,
      ),
      // The date claims, for the conflict flag and the confidence, computed per row as on the screen.
      dateClaims: jsonRows(
        [
          claims.id,
          claims.rank,
          claims.plannedStart,
          claims.plannedEnd,
          claims.plannedPrecision,
          claims.qualifier,
          claims.statedOn,
          sources.publisher,
          sources.id,
          sources.kind,
          claims.currentSince,
        ],
        sql`from ${claims} join ${citations} on ${citations.id} = ${claims.citationId} join ${sources} on ${sources.id} = ${citations.sourceId}
        where ${claims.milestoneId} = ${milestones.id} and ${claims.kind} = 'date'`,
        claims.id,
      ),
      quotes: jsonRows(
        [sources.publisher, sources.title, sources.publishedOn, citations.quote],
        sql`from ${citations} join ${sources} on ${sources.id} = ${citations.sourceId}
        where ${citations.milestoneId} = ${milestones.id}`,
        citations.id,
      ),
    })
    .from(milestones)
    .leftJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .leftJoin(regions, eq(regions.id, milestones.regionId))
    .where(milestoneFilterCondition(filter))
    .orderBy(...milestoneListOrder);
}

type RoleTuple = [string | null, string | null, keyof Messages['role']];
type PredecessorTuple = [number, string | null, string | null];
type QuoteTuple = [string | null, string | null, string | null, string];
type ClaimTuple = [
  number,
  ClaimRank,
  string,
  string,
  Precision,
  Qualifier,
  string | null,
  string | null,
  number,
  SourceKind,
  string | null,
];

/** A claim tuple of the export's subquery as the rules read claims. */
function claimRowOf(t: ClaimTuple) {
  const [
    id,
    rank,
    plannedStart,
    plannedEnd,
    plannedPrecision,
    qualifier,
    statedOn,
    publisher,
    sourceId,
    sourceKind,
    currentSince,
  ] = t;
  return {
    id,
    kind: 'date' as const,
    rank,
    plannedStart,
    plannedEnd,
    plannedPrecision,
    qualifier,
    statedOn,
    publisher,
    sourceId,
    sourceKind,
    currentSince,
  };
}

/** A JSON array from a subquery (`jsonRows`); `[]` for none. */
function tuples<T>(json: string | null): T[] {
  return json ? (JSON.parse(json) as T[]) : [];
}

/**
 * `fn` remembered for one download: the same few dates and confidence reasons recur across
 * thousands of rows, and formatting them again was a fifth of the export's time. Bounded, so
 * a file of all-different values does not grow memory.
 */
function remembered<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      if (seen.size >= 10_000) seen.clear();
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

async function* milestoneRecords(
  snapshot: ReadSnapshot,
  filter: MilestoneFilter,
  language: Language,
): AsyncGenerator<CsvRecord> {
  const m = messagesFor(language);
  yield MILESTONE_CSV_COLUMNS.map((c) => verbatim(m.csv.columns[c]));

  const on = today();
  const dateLabel = remembered((key) => {
    const [start, precision] = key.split(' ') as [string, Precision];
    return formatPlannedDate(start, precision, language);
  });
  const reasonsText = remembered((key) =>
    (JSON.parse(key) as ConfidenceReason[]).map((r) => reasonText(r, language)).join('; '),
  );
  for await (const row of snapshot.iterate(exportQuery(snapshot.db, filter))) {
    const evidence = evidenceOf(tuples<ClaimTuple>(row.dateClaims).map(claimRowOf));
    const { conflict, confidence } = assessEvidence(evidence, row, on);
    if (!matchesEvidence(filter, { conflict, confidence })) continue;
    const cells: Record<(typeof MILESTONE_CSV_COLUMNS)[number], Cell> = {
      id: row.id,
      version: row.version,
      title: row.title,
      titleEn: row.titleEn,
      workstream:
        row.workstreamRu === null ? null : nameIn(language, { nameRu: row.workstreamRu, nameEn: row.workstreamEn }),
      region: row.regionRu === null ? null : nameIn(language, { nameRu: row.regionRu, nameEn: row.regionEn }),
      status: row.status,
      statusLabel: m.status[row.status],
      plannedStart: verbatim(row.plannedStart),
      plannedEnd: verbatim(row.plannedEnd),
      precision: row.plannedPrecision,
      dateLabel:
        row.plannedStart && row.plannedPrecision
          ? dateLabel(`${row.plannedStart} ${row.plannedPrecision}`)
          : m.dates.undated,
      actualDate: verbatim(row.actualDate),
      participants: tuples<RoleTuple>(row.roles)
        .map(([nameRu, nameEn, role]) => `${nameIn(language, { nameRu, nameEn })} (${m.role[role]})`)
        .join('; '),
      dependencies: tuples<PredecessorTuple>(row.predecessors)
        .map(([id, nameRu, nameEn]) => `#${id} ${nameIn(language, { nameRu, nameEn })}`)
        .join('; '),
      citations: tuples<QuoteTuple>(row.quotes)
        .map(
          ([publisher, title, publishedOn, quote]) =>
            `${sourceLabel(m, language, { publisher, title, publishedOn })}: ${quoted(language, quote)}`,
        )
        .join('\n'),
      conflict: conflict ? m.csv.yes : '',
      confidence: m.confidence.level[confidence.level],
      confidenceReasons: reasonsText(JSON.stringify(confidence.reasons)),
    };
    yield MILESTONE_CSV_COLUMNS.map((c) => cells[c]);
  }
}

/** `2026-11-26T10:15:00.000Z` → `2026-11-26 10:15:00`: a form spreadsheets read as a date and time. */
function spreadsheetTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A stored history value as a person reads it, like the history screen shows it. */
function historyValueText(
  field: string | null,
  value: unknown,
  m: Messages,
  language: Language,
  names: (kind: 'workstream' | 'region' | 'participant' | 'milestone', id: number) => string,
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field) {
    case 'status':
      return m.status[value as keyof Messages['status']] ?? String(value);
    case 'planned': {
      const p = value as PlannedDate;
      return `${formatPlannedDate(p.start, p.precision, language)} (${p.start} – ${p.end})`;
    }
    case 'workstreamId':
      return names('workstream', value as number);
    case 'regionId':
      return names('region', value as number);
    case 'participants':
      return (value as { participantId: number; role: keyof Messages['role'] }[])
        .map((r) => `${names('participant', r.participantId)} (${m.role[r.role] ?? r.role})`)
        .join('; ');
    case 'predecessorIds':
      return (value as number[]).map((id) => `#${id} ${names('milestone', id)}`).join('; ');
    case 'rank':
      return m.claims.rank[value as keyof Messages['claims']['rank']] ?? String(value);
    case 'claim': {
      const c = value as { planned?: PlannedDate | null; status?: keyof Messages['status'] | null };
      if (c.planned)
        return `${formatPlannedDate(c.planned.start, c.planned.precision, language)} (${c.planned.start} – ${c.planned.end})`;
      return c.status ? (m.status[c.status] ?? c.status) : JSON.stringify(value);
    }
    case 'citation':
      return typeof value === 'object' && value && 'quote' in value ? String(value.quote) : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Names of the few reference rows a history value may point at; milestone titles are looked up as met. */
async function nameLookup(db: Db, language: Language) {
  const toMap = (rows: (Named & { id: number })[]) => new Map(rows.map((r) => [r.id, nameIn(language, r)]));
  const maps = {
    workstream: toMap(
      await db.select({ id: workstreams.id, nameRu: workstreams.nameRu, nameEn: workstreams.nameEn }).from(workstreams),
    ),
    region: toMap(await db.select({ id: regions.id, nameRu: regions.nameRu, nameEn: regions.nameEn }).from(regions)),
    participant: toMap(
      await db
        .select({ id: participants.id, nameRu: participants.nameRu, nameEn: participants.nameEn })
        .from(participants),
    ),
    milestone: new Map<number, string>(),
  };
  return {
    name: (kind: keyof typeof maps, id: number): string => maps[kind].get(id) ?? `#${id}`,
    /** Milestone titles are looked up as a row names them, before the row is written. */
    async loadMilestones(ids: number[]) {
      const map = maps.milestone;
      // A bounded cache: the file may name many milestones, memory must not grow with it.
      if (map.size > 5_000) map.clear();
      for (const id of ids) {
        if (map.has(id)) continue;
        const [row] = await db
          .select({ nameRu: milestones.titleRu, nameEn: milestones.titleEn })
          .from(milestones)
          .where(eq(milestones.id, id));
        map.set(id, row ? nameIn(language, row) : '');
      }
    },
  };
}

async function* historyRecords(
  snapshot: ReadSnapshot,
  filter: Omit<HistoryFilter, 'limit' | 'cursor'>,
  language: Language,
): AsyncGenerator<CsvRecord> {
  const m = messagesFor(language);
  yield HISTORY_CSV_COLUMNS.map((c) => verbatim(m.csv.historyColumns[c]));
  const lookup = await nameLookup(snapshot.db, language);
  const names = lookup.name;
  const fieldLabels = m.history.fields as Record<string, string>;
  const query = historyQuery(snapshot.db, and(...historyConditions(filter)));
  for await (const h of snapshot.iterate(query)) {
    const created = h.action === 'create' && h.field === null;
    const to = parseJson(h.toValue);
    const from = parseJson(h.fromValue);
    if (h.field === 'predecessorIds') {
      await lookup.loadMilestones([from, to].flatMap((v) => (Array.isArray(v) ? (v as number[]) : [])));
    }
    const cells: Record<(typeof HISTORY_CSV_COLUMNS)[number], Cell> = {
      at: verbatim(spreadsheetTime(h.at)),
      user: h.userName ?? m.details.system,
      milestoneId: h.milestoneId,
      milestone:
        h.milestoneTitle === null
          ? h.entity
          : nameIn(language, { nameRu: h.milestoneTitle, nameEn: h.milestoneTitleEn }),
      field: h.field ? (fieldLabels[h.field] ?? h.field) : created ? m.history.created : h.action,
      from: h.field ? historyValueText(h.field, from, m, language, names) : '',
      to: h.field
        ? historyValueText(h.field, to, m, language, names)
        : created && to && typeof to === 'object' && 'title' in to
          ? String(to.title)
          : '',
      reason: h.reason,
      source: h.citation?.title
        ? `${sourceLabel(m, language, h.citation)}: ${quoted(language, h.citation.quote ?? '')}`
        : '',
    };
    yield HISTORY_CSV_COLUMNS.map((c) => cells[c]);
  }
}

/** A cell that must be quoted under RFC 4180: it holds the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[,;\t"\r\n]/;

const quotedCell = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * One record as a CSV line. Written here rather than by csv-stringify (ADR 0003): every text
 * cell is quoted anyway, so RFC 4180 reduces to doubling quotes, and the library's per-cell
 * bookkeeping cost more than the rest of the export together.
 */
function csvLine(record: CsvRecord, delimiter: string): string {
  let line = '';
  for (let i = 0; i < record.length; i++) {
    if (i > 0) line += delimiter;
    const cell = record[i];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'number') line += String(cell);
    else if (cell instanceof Verbatim) line += NEEDS_QUOTES.test(cell.text) ? quotedCell(cell.text) : cell.text;
    else line += quotedCell(neutraliseFormula(cell));
  }
  return `${line}\r\n`;
}

/**
 * RFC 4180 with what spreadsheets need on top: a UTF-8 byte order mark (Excel reads the file
 * as the local code page without one, and Cyrillic turns into mojibake), CRLF between records,
 * every text cell quoted and no formula lead in it, at its start or after any delimiter or line
 * break (`neutraliseFormula`): a spreadsheet that opens the file with the other delimiter, or
 * splits a quoted line break, still finds no formula. Numbers are never quoted; dates and the
 * header are `Verbatim`.
 */
function csvStream(
  records: AsyncGenerator<CsvRecord>,
  snapshot: ReadSnapshot,
  format: CsvFormat,
  onError: (error: Error) => void,
): NodeJS.ReadableStream {
  const { delimiter } = format;
  const source = Readable.from(
    (async function* () {
      try {
        yield '\uFEFF';
        // Lines go out in batches: a stream chunk per row cost more than writing the row.
        let batch = '';
        let lines = 0;
        for await (const record of records) {
          batch += csvLine(record, delimiter);
          if (++lines === 256) {
            yield batch;
            batch = '';
            lines = 0;
          }
        }
        if (batch) yield batch;
      } finally {
        // Runs at the end, on an error, and when the download is abandoned (the stream is destroyed).
        await snapshot.close();
      }
    })(),
    { objectMode: false, highWaterMark: 64 * 1024 },
  );
  // A download abandoned before its first row never starts the generator, whose `finally` then never runs.
  source.once('close', () => void snapshot.close());
  source.once('error', onError);
  return source;
}

/** Errors after the first byte (a closed connection, a failed read) go to `onError`. */
export interface CsvStreamOptions {
  format: CsvFormat;
  onError: (error: Error) => void;
}

export async function exportMilestonesCsv(db: Db, filter: MilestoneFilter, options: CsvStreamOptions) {
  const snapshot = await openReadSnapshot(db);
  return csvStream(
    milestoneRecords(snapshot, filter, options.format.language),
    snapshot,
    options.format,
    options.onError,
  );
}

export async function exportHistoryCsv(
  db: Db,
  filter: Omit<HistoryFilter, 'limit' | 'cursor'>,
  options: CsvStreamOptions,
) {
  const snapshot = await openReadSnapshot(db);
  return csvStream(
    historyRecords(snapshot, filter, options.format.language),
    snapshot,
    options.format,
    options.onError,
  );
}
