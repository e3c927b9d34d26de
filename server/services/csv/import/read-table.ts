import { CsvError, type Options, parse } from 'csv-parse';
import {
  type CsvImportError,
  EDITABLE_CSV_COLUMNS,
  MILESTONE_CSV_COLUMNS,
  type MilestoneCsvColumn,
  REQUIRED_CSV_COLUMNS,
} from '../../../../shared/csv';
import { en } from '../../../../shared/i18n/en';
import { ru } from '../../../../shared/i18n/ru';
import { nextTurn, pacer } from '../../next-turn';

/** Reading the file: the header's columns (either language) and the rows' cells, nothing checked yet. */

/** What a planner sends: the file and its name, with the form's reason and citation (checkForm). */
export interface CsvImportInput {
  fileName: string;
  csv: string;
  reason: string;
  citation?: unknown;
}

export type Cells = Partial<Record<MilestoneCsvColumn, string>>;
export interface DataRow {
  row: number;
  cells: Cells;
}

export const fail = (row: number | null, column: string | null, message: string, params?: CsvImportError['params']) =>
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

export function wordsOf<T extends string>(codes: readonly T[], ...labels: Record<T, string>[]): Map<string, T> {
  return new Map(codes.flatMap((code) => [code, ...labels.map((l) => l[code])].map((w) => [w.toLowerCase(), code])));
}

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

/** Characters handed to the parser at a time; other requests get a turn between two of them. */
const CHUNK = 4 * 1024;
/** Records read between two turns of the event loop: a chunk of short rows holds thousands. */
const RECORDS_PER_TURN = 250;

/**
 * The records of `text`, parsed a chunk at a time with csv-parse's streaming API, a turn of the
 * event loop between chunks: a file of several megabytes never holds the server for more than
 * one chunk's work. Stopping early (the row cap) stops the parsing too.
 */
async function* recordsOf(text: string, options: Options): AsyncGenerator<ParsedRecord> {
  const parser = parse(options);
  const waitForReader = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  const feeding = (async () => {
    for (let at = 0; at < text.length && !parser.destroyed; at += CHUNK) {
      const more = parser.write(text.slice(at, at + CHUNK));
      await (more ? nextTurn() : waitForReader());
    }
    if (!parser.destroyed) parser.end();
  })();
  const pace = pacer(RECORDS_PER_TURN);
  try {
    for await (const item of parser) {
      yield item as ParsedRecord;
      await pace();
    }
  } finally {
    parser.destroy();
    await feeding;
  }
}

export interface Table {
  rows: DataRow[];
  errors: CsvImportError[];
  /** Data rows read: more than `maxRows` when the file was refused for its size. */
  total: number;
}

/**
 * The header's columns and the rows' cells of a file, nothing checked yet. A file of more than
 * `maxRows` data rows is refused as soon as the row past the cap is read, naming the cap.
 */
export async function readTable(text: string, { maxRows }: { maxRows: number }): Promise<Table> {
  const body = text.replace(/^\uFEFF/, '');
  const records = recordsOf(body, {
    delimiter: detectDelimiter(body),
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  let first: ParsedRecord | undefined;
  let header: string[] = [];
  let columns: (MilestoneCsvColumn | null)[] = [];
  const errors: CsvImportError[] = [];
  const rows: DataRow[] = [];
  let total = 0;
  try {
    for await (const parsed of records) {
      if (!first) {
        first = parsed;
        if (isBlank(parsed.record)) return { rows: [], errors: [fail(null, null, 'csv.errors.empty')], total: 0 };
        header = parsed.record;
        columns = headerColumns(header, rowOf(parsed.info), errors);
        if (errors.length) return { rows: [], errors, total: 0 };
        continue;
      }
      const { record, info } = parsed;
      const row = rowOf(info);
      // A row of empty cells (`;;;;`), as spreadsheets write below the data: nothing to read.
      if (isBlank(record)) continue;
      total += 1;
      if (total > maxRows) {
        return { rows: [], errors: [fail(null, null, 'csv.errors.tooManyRows', { max: maxRows })], total };
      }
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
  } catch (error) {
    if (error instanceof CsvError) {
      // The row being read when the parser gave up: where an unclosed quote opened, for one.
      const row = Number(error.records ?? 0) + Number(error.empty_lines ?? 0) + 1;
      return { rows: [], errors: [fail(row, null, 'csv.errors.malformed')], total };
    }
    throw error;
  }
  if (!first) return { rows: [], errors: [fail(null, null, 'csv.errors.empty')], total: 0 };
  if (!rows.length && !errors.length) errors.push(fail(null, null, 'csv.errors.empty'));
  return { rows, errors, total };
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');

/** The column of each header cell (either language, or the bare key); unknown, repeated or missing ones are errors. */
function headerColumns(header: string[], headerRow: number, errors: CsvImportError[]) {
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
  return columns;
}
