import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import {
  CITED_FIELDS,
  type CitationInput,
  citationInputSchema,
  milestoneUpdateSchema,
  reasonSchema,
} from '../../shared/changes';
import {
  type CsvImportChange,
  type CsvImportError,
  type CsvImportResult,
  type CsvImportRow,
  EDITABLE_CSV_COLUMNS,
  importReason,
  MILESTONE_CSV_COLUMNS,
  type MilestoneCsvColumn,
  REQUIRED_CSV_COLUMNS,
  restoreFormulaText,
} from '../../shared/csv';
import { en } from '../../shared/i18n/en';
import { ru } from '../../shared/i18n/ru';
import {
  formatCalendarDate,
  intervalFor,
  isCalendarDate,
  isWholePeriod,
  type PlannedDate,
  PRECISIONS,
  type Precision,
} from '../../shared/precision';
import { STATUSES, type Status } from '../../shared/status';
import type { SessionUser } from '../context';
import { type Db, writeTransaction } from '../db/client';
import { milestones } from '../db/schema/milestone';
import { sources } from '../db/schema/reference';
import { AppError } from '../errors';
import { insertSource } from './citations';
import { announceChange } from './events';
import { applyMilestoneUpdate } from './milestone-changes';

/**
 * CSV import for planners: the export's own file, edited in a spreadsheet, read back. A dry
 * run and an apply go through the same code, in one write transaction, with the same
 * `applyMilestoneUpdate` a form save uses; the dry run (or any error) rolls it back, so what
 * the preview shows is what the apply does, and an apply is all rows or none.
 */

export interface CsvImportInput {
  fileName: string;
  csv: string;
  reason: string;
  citation?: unknown;
}

type Cells = Partial<Record<MilestoneCsvColumn, string>>;
interface DataRow {
  row: number;
  cells: Cells;
}

const fail = (row: number | null, column: string | null, message: string, params?: CsvImportError['params']) =>
  ({ row, column, message, ...(params && Object.keys(params).length ? { params } : {}) }) satisfies CsvImportError;

/** The columns an import reads; the others (names, date label, roles, quotes) are the export's, not the planner's. */
const READ_BACK = new Set<MilestoneCsvColumn>([...REQUIRED_CSV_COLUMNS, ...EDITABLE_CSV_COLUMNS]);

/** Header words of both languages (and the bare column keys) → column. */
const HEADER_WORDS = new Map<string, MilestoneCsvColumn>(
  MILESTONE_CSV_COLUMNS.flatMap((c) => [
    [c.toLowerCase(), c],
    [ru.csv.columns[c].toLowerCase(), c],
    [en.csv.columns[c].toLowerCase(), c],
  ]),
);

function wordsOf<T extends string>(codes: readonly T[], ...labels: Record<T, string>[]): Map<string, T> {
  return new Map(codes.flatMap((code) => [code, ...labels.map((l) => l[code])].map((w) => [w.toLowerCase(), code])));
}
const STATUS_WORDS = wordsOf(STATUSES, ru.status, en.status);
const PRECISION_WORDS = wordsOf(PRECISIONS, ru.precision, en.precision);

/** The delimiter of the file: the one of `;` and `,` that splits its header line (outside quotes). */
function detectDelimiter(text: string): ';' | ',' {
  let inQuotes = false;
  let semicolons = 0;
  let commas = 0;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch === ';') semicolons += 1;
    else if (!inQuotes && ch === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/** A text cell as the planner meant it: the export's anti-formula apostrophe taken off. */
const textOf = (cell: string | undefined) => restoreFormulaText(cell ?? '');
/** Spreadsheets may save a line break inside a cell as LF or CRLF: neither is a change. */
const sameText = (a: string, b: string) => a === b || a.replace(/\r\n?/g, '\n') === b.replace(/\r\n?/g, '\n');

interface ParsedRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

/**
 * The spreadsheet row of a record (header = 1): records so far plus the blank lines skipped
 * before it, since a spreadsheet shows a blank line as an empty row. Blank lines are skipped
 * by the parser, not afterwards: csv-parse spends ~15 µs on each CRLF it returns as an empty
 * record, and a file of blank lines must not hold the server for seconds.
 */
const rowOf = ({ records, empty_lines }: ParsedRecord['info']) => records + empty_lines;

function readTable(text: string): { rows: DataRow[]; errors: CsvImportError[] } {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      // The row being read when the parser gave up: where an unclosed quote opened, for one.
      const row = Number(error.records ?? 0) + Number(error.empty_lines ?? 0) + 1;
      return { rows: [], errors: [fail(row, null, 'csv.errors.malformed')] };
    }
    throw error;
  }
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');
  const [first, ...body] = records;
  if (!first || isBlank(first.record)) return { rows: [], errors: [fail(null, null, 'csv.errors.empty')] };
  const header = first.record;
  const headerRow = rowOf(first.info);

  const errors: CsvImportError[] = [];
  const columns: (MilestoneCsvColumn | null)[] = header.map((raw) => {
    const name = raw.trim();
    const column = HEADER_WORDS.get(name.toLowerCase()) ?? null;
    if (!column && name !== '') errors.push(fail(headerRow, name, 'csv.errors.unknownColumn', { name }));
    return column;
  });
  columns.forEach((column, i) => {
    if (column && columns.indexOf(column) !== i)
      errors.push(fail(headerRow, column, 'csv.errors.duplicateColumn', { name: header[i]?.trim() ?? column }));
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!columns.includes(required)) errors.push(fail(headerRow, required, 'csv.errors.missingColumn'));
  }
  if (errors.length) return { rows: [], errors };

  const rows: DataRow[] = [];
  for (const { record, info } of body) {
    const row = rowOf(info);
    // A row of empty cells (`;;;;`), as spreadsheets write below the data: nothing to read.
    if (isBlank(record)) continue;
    if (record.length !== header.length) {
      errors.push(fail(row, null, 'csv.errors.cellCount', { count: record.length, expected: header.length }));
      continue;
    }
    const cells: Cells = {};
    columns.forEach((column, c) => {
      if (column && READ_BACK.has(column)) cells[column] = record[c] ?? '';
    });
    rows.push({ row, cells });
  }
  if (!rows.length && !errors.length) errors.push(fail(null, null, 'csv.errors.empty'));
  return { rows, errors };
}

function positiveInteger(cell: string | undefined): number | null {
  const value = (cell ?? '').trim();
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** `YYYY-MM-DD`, or `DD.MM.YYYY` as a Russian spreadsheet saves a date it recognised; '' is no date. */
function parseDate(cell: string | undefined): string | null | undefined {
  const value = (cell ?? '').trim();
  if (value === '') return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : dotted
      ? { year: Number(dotted[3]), month: Number(dotted[2]), day: Number(dotted[1]) }
      : null;
  if (!parts) return undefined;
  const date = formatCalendarDate(parts);
  return isCalendarDate(date) ? date : undefined;
}

type Current = typeof milestones.$inferSelect;

interface Plan {
  row: number;
  current: Current;
  changes: CsvImportChange[];
  input: Partial<Pick<ReturnType<typeof milestoneUpdateSchema.parse>, CsvImportChange['field']>>;
}

function plannedOf(m: Current): PlannedDate | null {
  return m.plannedStart && m.plannedEnd && m.plannedPrecision
    ? { start: m.plannedStart, end: m.plannedEnd, precision: m.plannedPrecision }
    : null;
}

/** The status a row asks for: the code, or the readable label when only that was edited. */
function statusOf(row: number, cells: Cells, current: Status, errors: CsvImportError[]): Status | undefined {
  const read = (column: 'status' | 'statusLabel'): Status | null | undefined => {
    if (cells[column] === undefined) return null;
    const value = cells[column].trim();
    if (value === '' && column === 'statusLabel') return null;
    const status = STATUS_WORDS.get(value.toLowerCase());
    if (!status) errors.push(fail(row, column, 'csv.errors.unknownStatus', { value }));
    return status;
  };
  const code = read('status');
  const label = read('statusLabel');
  if (code === undefined || label === undefined) return undefined;
  if (code && label && code !== label) {
    if (code === current) return label;
    if (label === current) return code;
    errors.push(fail(row, 'statusLabel', 'csv.errors.statusConflict'));
    return undefined;
  }
  return code ?? label ?? current;
}

/**
 * The planned date a row asks for. The database keeps whole periods, and a planner in a
 * spreadsheet often moves one end only: the period is then taken around the end that moved
 * (or the start, when the precision alone changed). Both ends moved and not one period: refused.
 */
function plannedFrom(row: number, cells: Cells, current: PlannedDate | null, errors: CsvImportError[]) {
  if (cells.plannedStart === undefined && cells.plannedEnd === undefined && cells.precision === undefined) {
    return current;
  }
  const dateCell = (column: 'plannedStart' | 'plannedEnd', fallback: string | null) => {
    if (cells[column] === undefined) return fallback;
    const date = parseDate(cells[column]);
    if (date === undefined) errors.push(fail(row, column, 'csv.errors.date'));
    return date;
  };
  const start = dateCell('plannedStart', current?.start ?? null);
  const end = dateCell('plannedEnd', current?.end ?? null);
  let precision: Precision | null | undefined = current?.precision ?? null;
  if (cells.precision !== undefined) {
    const value = cells.precision.trim();
    precision = value === '' ? null : PRECISION_WORDS.get(value.toLowerCase());
    if (precision === undefined) errors.push(fail(row, 'precision', 'csv.errors.precision'));
  }
  if (start === undefined || end === undefined || precision === undefined) return undefined;
  if (!start && !end && !precision) return null;
  if (!precision) {
    errors.push(fail(row, 'precision', 'csv.errors.precisionRequired'));
    return undefined;
  }
  if (start && end && isWholePeriod(precision, start, end)) return { start, end, precision };
  const startMoved = start !== (current?.start ?? null);
  const endMoved = end !== (current?.end ?? null);
  const anchor =
    start && end ? (endMoved && !startMoved ? end : startMoved && endMoved ? null : start) : (start ?? end);
  if (!anchor) {
    errors.push(
      fail(row, start ? 'plannedEnd' : 'plannedStart', start ? 'errors.plannedInterval' : 'csv.errors.startRequired'),
    );
    return undefined;
  }
  return { ...intervalFor(precision, anchor), precision };
}

/** What one row changes, checked field by field; nothing is written here. */
function planRow({ row, cells }: DataRow, current: Current, errors: CsvImportError[]): Plan | null {
  const before = errors.length;
  const changes: CsvImportChange[] = [];
  const input: Plan['input'] = {};
  const shape = milestoneUpdateSchema.shape;

  const text = (column: 'title' | 'titleEn', currentValue: string | null) => {
    if (cells[column] === undefined) return;
    const value = textOf(cells[column]);
    // Unchanged text stays as stored, even with spaces the form would trim.
    if (sameText(value, currentValue ?? '')) return;
    const parsed = shape[column].safeParse(column === 'titleEn' && value.trim() === '' ? null : value);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? '';
      errors.push(fail(row, column, message.startsWith('errors.') ? message : 'csv.errors.tooLong'));
      return;
    }
    const next = parsed.data ?? null;
    if (next === currentValue) return;
    changes.push({ field: column, from: currentValue, to: next });
    input[column] = next as string;
  };
  text('title', current.titleRu);
  text('titleEn', current.titleEn);

  const status = statusOf(row, cells, current.status, errors);
  if (status && status !== current.status) {
    changes.push({ field: 'status', from: current.status, to: status });
    input.status = status;
  }

  const was = plannedOf(current);
  const planned = plannedFrom(row, cells, was, errors);
  if (planned !== undefined && JSON.stringify(planned) !== JSON.stringify(was)) {
    changes.push({ field: 'planned', from: was, to: planned });
    input.planned = planned;
  }

  if (cells.actualDate !== undefined) {
    const actual = parseDate(cells.actualDate);
    if (actual === undefined) errors.push(fail(row, 'actualDate', 'csv.errors.date'));
    else if (actual !== current.actualDate) {
      changes.push({ field: 'actualDate', from: current.actualDate, to: actual });
      input.actualDate = actual;
    }
  }
  return errors.length === before ? { row, current, changes, input } : null;
}

function loadCurrent(tx: Db, ids: number[]): Map<number, Current> {
  const found = new Map<number, Current>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    for (const m of tx.select().from(milestones).where(inArray(milestones.id, batch)).all()) found.set(m.id, m);
  }
  return found;
}

/** Ids and versions of every row, each milestone once; the rest is planned against the current values. */
function planRows(tx: Db, rows: DataRow[], errors: CsvImportError[]): { plans: Plan[]; unchanged: number } {
  const keyed: { data: DataRow; id: number; version: number }[] = [];
  const firstRowOf = new Map<number, number>();
  for (const data of rows) {
    const { row, cells } = data;
    const idCell = (cells.id ?? '').trim();
    const id = positiveInteger(idCell);
    const version = positiveInteger(cells.version);
    if (idCell === '') errors.push(fail(row, 'id', 'csv.errors.idRequired'));
    else if (id === null) errors.push(fail(row, 'id', 'csv.errors.notNumber'));
    if (version === null) errors.push(fail(row, 'version', 'csv.errors.notNumber'));
    if (id === null || version === null) continue;
    const first = firstRowOf.get(id);
    if (first !== undefined) {
      errors.push(fail(row, 'id', 'csv.errors.duplicateRow', { row: first }));
      continue;
    }
    firstRowOf.set(id, row);
    keyed.push({ data, id, version });
  }
  const current = loadCurrent(
    tx,
    keyed.map((k) => k.id),
  );
  const plans: Plan[] = [];
  let unchanged = 0;
  for (const { data, id, version } of keyed) {
    const m = current.get(id);
    if (!m) {
      errors.push(fail(data.row, 'id', 'csv.errors.unknownMilestone'));
      continue;
    }
    if (m.version !== version) {
      errors.push(fail(data.row, 'version', 'csv.errors.staleVersion', { current: m.version, version }));
      continue;
    }
    const plan = planRow(data, m, errors);
    if (plan?.changes.length) plans.push(plan);
    else if (plan) unchanged += 1;
  }
  return { plans, unchanged };
}

/** The planner's reason and the one citation for every row that changes a status or a date. */
function checkForm(tx: Db, input: CsvImportInput, needsCitation: boolean, errors: CsvImportError[]) {
  const reason = reasonSchema.safeParse(input.reason);
  if (!reason.success) errors.push(fail(null, 'reason', reason.error.issues[0]?.message ?? 'errors.reasonRequired'));
  if (input.citation === undefined || input.citation === null) {
    if (needsCitation) errors.push(fail(null, 'citation', 'errors.citationRequired'));
    return { reason: reason.data ?? '', citation: undefined };
  }
  // Checked against the branch the form filled in, so that a missing quote is named as such
  // rather than as "matches neither a known nor a new source".
  const [known, entered] = citationInputSchema.options;
  const isNew = typeof input.citation === 'object' && 'newSource' in input.citation;
  const citation = (isNew ? entered : known).safeParse(input.citation);
  if (!citation.success) {
    for (const issue of citation.error.issues) {
      const path = ['citation', ...issue.path.map(String)].join('.');
      const message = issue.message.startsWith('errors.') ? issue.message : 'errors.invalidInput';
      errors.push(fail(null, path, message));
    }
    return { reason: reason.data ?? '', citation: undefined };
  }
  if (
    'sourceId' in citation.data &&
    !tx.select({ id: sources.id }).from(sources).where(eq(sources.id, citation.data.sourceId)).get()
  ) {
    errors.push(fail(null, 'citation.sourceId', 'errors.sourceNotFound'));
  }
  return { reason: reason.data ?? '', citation: citation.data };
}

/** Thrown to leave the transaction with nothing written: a dry run, or a file with errors. */
class RollBack extends Error {}

function changesCitedField(plan: Plan): boolean {
  return plan.changes.some((c) => (CITED_FIELDS as readonly string[]).includes(c.field));
}

/**
 * Checks a file (dry run) or applies it. Applying writes every changed row — the milestone,
 * its version + 1, one history row per field, the citation — in one transaction, or nothing:
 * any error, a stale version included, leaves the database as it was.
 */
export function importMilestonesCsv(
  db: Db,
  actor: SessionUser,
  input: CsvImportInput,
  { dryRun }: { dryRun: boolean },
  now = new Date().toISOString(),
): CsvImportResult {
  const table = readTable(input.csv);
  const errors = [...table.errors];
  let plans: Plan[] = [];
  let unchanged = 0;
  let applied = false;
  try {
    writeTransaction(db, (tx) => {
      ({ plans, unchanged } = planRows(tx, table.rows, errors));
      // A file that changes nothing needs no reason and no source.
      if (!plans.length) throw new RollBack();
      const form = checkForm(tx, input, plans.some(changesCitedField), errors);
      // A file with errors is not tried further: what it would do is not what the planner meant.
      if (errors.length) throw new RollBack();

      // One citation for the whole file: a new source is created once, then cited by each row.
      let citation: CitationInput | undefined = form.citation;
      if (citation && 'newSource' in citation) {
        citation = {
          sourceId: insertSource(tx, citation.newSource, actor.id, form.reason, now),
          quote: citation.quote,
        };
      }
      const reason = importReason(input.fileName, form.reason);
      for (const plan of plans) {
        try {
          applyMilestoneUpdate(
            tx,
            actor,
            {
              id: plan.current.id,
              version: plan.current.version,
              reason,
              citation: changesCitedField(plan) ? citation : undefined,
              ...plan.input,
            },
            now,
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const stale = error.code === 'STALE_VERSION';
          errors.push(
            fail(plan.row, stale ? 'version' : null, stale ? 'csv.errors.staleVersion' : error.messageKey, {
              ...(stale ? { current: Number(error.details?.currentVersion), version: plan.current.version } : {}),
            }),
          );
        }
      }
      if (dryRun || errors.length) throw new RollBack();
      applied = true;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (applied) announceChange({ milestoneId: null, version: null, at: now });

  const rows: CsvImportRow[] = plans.map((p) => ({
    row: p.row,
    id: p.current.id,
    title: p.current.titleRu,
    changes: p.changes,
  }));
  return {
    dryRun,
    applied,
    total: table.rows.length,
    unchanged,
    rows,
    errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  };
}
