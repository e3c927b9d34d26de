import { z } from 'zod';
import { LANGUAGES, type Language } from './date-label';
import { historyFilterSchema } from './history';
import { en } from './i18n/en';
import { type Messages, ru } from './i18n/ru';
import { milestoneFilterSchema } from './milestone';
import { storedText } from './text';

/**
 * The CSV files of the roadmap: their columns, the parameters of the export links and the
 * import request. Column labels come from the `csv` block of the messages, so the header a
 * planner sees is in the language of the export; the import reads either language.
 */

/** Columns of the milestone export, in file order. Only `EDITABLE_CSV_COLUMNS` are read back by the import. */
export const MILESTONE_CSV_COLUMNS = [
  'id',
  'version',
  'title',
  'titleEn',
  'workstream',
  'region',
  'status',
  'statusLabel',
  'plannedStart',
  'plannedEnd',
  'precision',
  'dateLabel',
  'actualDate',
  'participants',
  'dependencies',
  'citations',
  'conflict',
  'confidence',
  'confidenceReasons',
] as const;
export type MilestoneCsvColumn = (typeof MILESTONE_CSV_COLUMNS)[number];

/**
 * What an import may change. `statusLabel` is derived from `status`, but a planner who edits the
 * readable label in a spreadsheet means the status: the import accepts either (never both
 * disagreeing). Every other column (names, date label, participants, citations) is read-only.
 */
export const EDITABLE_CSV_COLUMNS = [
  'title',
  'titleEn',
  'status',
  'statusLabel',
  'plannedStart',
  'plannedEnd',
  'precision',
  'actualDate',
] as const satisfies readonly MilestoneCsvColumn[];

/** Columns an import cannot do without: which milestone, and the version it was exported at. */
export const REQUIRED_CSV_COLUMNS = ['id', 'version'] as const satisfies readonly MilestoneCsvColumn[];

export const HISTORY_CSV_COLUMNS = [
  'at',
  'user',
  'milestoneId',
  'milestone',
  'field',
  'from',
  'to',
  'reason',
  'source',
] as const;

export function messagesFor(language: Language): Messages {
  return language === 'en' ? en : ru;
}

/** Russian spreadsheets split on `;` (the comma is their decimal mark); English ones on `,`. */
export type CsvDelimiter = ';' | ',';
export const defaultDelimiter = (language: Language): CsvDelimiter => (language === 'ru' ? ';' : ',');

const DELIMITER_NAMES: Record<string, CsvDelimiter> = { ';': ';', ',': ',', semicolon: ';', comma: ',' };

/** `lang` and `delimiter` of an export link; the rest of the link is the screen's filter. */
export const csvFormatSchema = z
  .object({
    lang: z.enum(LANGUAGES).default('ru'),
    delimiter: z
      .string()
      .transform((v, ctx) => {
        const d = DELIMITER_NAMES[v.trim().toLowerCase()];
        if (!d) ctx.addIssue({ code: 'custom', message: 'errors.invalidInput' });
        return d ?? ';';
      })
      .optional(),
  })
  .transform((f) => ({ language: f.lang, delimiter: f.delimiter ?? defaultDelimiter(f.lang) }));
export type CsvFormat = z.output<typeof csvFormatSchema>;

const LIST_KEYS = ['status', 'workstream', 'participant', 'region', 'ids'] as const;

/**
 * The milestone filter of a query string written by `filterToSearchParams` (lists joined by
 * commas). Unlike the screen, which keeps the good parts of a hand-edited link, the export
 * refuses a bad one: a file must not silently hold more rows than the view it came from.
 */
export function milestoneFilterFromSearchParams(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const values = params.getAll(key).flatMap((v) => v.split(',').filter(Boolean));
    if (values.length) raw[key] = values;
  }
  for (const key of ['q', 'from', 'to'] as const) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  const confidence = params.getAll('confidence').flatMap((v) => v.split(',').filter(Boolean));
  if (confidence.length) raw.confidence = confidence;
  if (params.get('disagree') === '1') raw.disagree = true;
  return milestoneFilterSchema.safeParse(raw);
}

/** The history screen's filters as an export link takes them (no paging: the file has every row). */
export function historyFilterFromSearchParams(params: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const key of ['milestoneId', 'userId', 'field', 'from', 'to'] as const) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  return historyFilterSchema.safeParse(raw);
}

/** `roadmap-milestones-2026-11-26.csv`: the day of the export, on the server's calendar. */
export function csvFileName(kind: 'milestones' | 'history', at: Date): string {
  const day = [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  return `roadmap-${kind}-${day}.csv`;
}

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (LibreOffice also
 * after leading blanks or quotes it may trim on import, and a leading tab or line break hides
 * one), so a title such as `=HYPERLINK("http://evil","click")` from a source would become a
 * live link or a DDE command in the planner's spreadsheet. And a cell does not start only where
 * the file says: a spreadsheet that opens the `;` file with `,` (or the other way round), or
 * splits a quoted line break into a new row, starts a cell after any `,` `;` tab or line break
 * inside the text. So an apostrophe goes before every formula lead at the start of the text and
 * after each of those characters: both programs show a leading apostrophe as text. The
 * full-width forms are included because some import paths fold them to ASCII. Numbers and dates
 * are never text cells here, so they stay numbers and dates.
 *
 * A lead is any run of quotes, apostrophes and blanks (not a line break or tab: a cell starts
 * after those anyway) ending in a formula character. Text that already has an apostrophe
 * before such a lead gets one more, so the import takes exactly one off and gives back the
 * original text (`restoreFormulaText` is the inverse; a property test holds both to it).
 */
const LEAD = `(?:['"]|[^\\S\\t\\r\\n])*[=+\\-@＝＋－＠]`;
/** At the start of the text: a lead, or a tab or line break (after blanks) that hides one. */
const FORMULA_START = new RegExp(`^(?:['"]|[^\\S\\t\\r\\n])*[\\t\\r\\n]|^${LEAD}`);
const NEUTRALISED_START = new RegExp(`^'(?:['"]|[^\\S\\t\\r\\n])*[\\t\\r\\n]|^'${LEAD}`);
/** Where a spreadsheet may start a cell inside the text: after a delimiter, a tab or a line break. */
const SPLIT_BEFORE_LEAD = new RegExp(`([,;\\t\\r\\n])(?=${LEAD})`, 'g');
const SPLIT_BEFORE_NEUTRALISED = new RegExp(`([,;\\t\\r\\n])'(?=${LEAD})`, 'g');

/** Any formula character at all: most cells have none, and the two searches below cost a tenth of an export. */
const ANY_FORMULA_CHARACTER = /[=+\-@＝＋－＠]/;

export function neutraliseFormula(text: string): string {
  if (!ANY_FORMULA_CHARACTER.test(text)) return FORMULA_START.test(text) ? `'${text}` : text;
  const inside = text.replace(SPLIT_BEFORE_LEAD, "$1'");
  return FORMULA_START.test(text) ? `'${inside}` : inside;
}

/** The inverse of `neutraliseFormula`, for cells read back by the import. */
export function restoreFormulaText(cell: string): string {
  const start = NEUTRALISED_START.test(cell) ? cell.slice(1) : cell;
  return start.replace(SPLIT_BEFORE_NEUTRALISED, '$1');
}

/**
 * The text of an uploaded file: UTF-8 (with or without BOM) as exported, or Windows-1251 as
 * Excel writes "CSV (разделители — точка с запятой)" on a Russian Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** The history reason of every change an import makes names the file it came from. */
export function importReason(fileName: string, reason: string): string {
  return `Импорт из файла ${fileName}: ${reason.trim()}`;
}

/**
 * The import request. Reason and citation are checked by the service, not here, so that a
 * dry run still shows the changes of a file while the form is incomplete.
 */
export const csvImportRequestSchema = z.object({
  // Stored in the history reason of every change the import makes (`importReason`).
  fileName: storedText({ max: 255, min: 1 }),
  csv: z.string(),
  reason: z.string().max(2000).default(''),
  /** Checked against `citationInputSchema` by the service, field by field. */
  citation: z.unknown().optional(),
});
export type CsvImportRequest = z.input<typeof csvImportRequestSchema>;

export const csvImportQuerySchema = z.object({ dryRun: z.enum(['0', '1']).default('1') });

/** The import procedure's input: the request and whether it is a dry run. */
export const csvImportProcedureSchema = csvImportRequestSchema.extend({ dryRun: z.boolean() });

/** One problem of an import: the spreadsheet row (header = 1) and column, or null for the form. */
export interface CsvImportError {
  row: number | null;
  column: string | null;
  /** An i18n key (`csv.errors.*` or `errors.*`). */
  message: string;
  params?: Record<string, string | number>;
}

export interface CsvImportChange {
  field: 'title' | 'titleEn' | 'status' | 'planned' | 'actualDate';
  from: unknown;
  to: unknown;
}

export interface CsvImportRow {
  row: number;
  id: number;
  title: string;
  changes: CsvImportChange[];
}

export interface CsvImportResult {
  dryRun: boolean;
  applied: boolean;
  /** Data rows in the file. */
  total: number;
  /** Rows that change nothing. */
  unchanged: number;
  rows: CsvImportRow[];
  /** The first MAX_IMPORT_ERRORS errors, in row order (the form's first). */
  errors: CsvImportError[];
  /** Errors found beyond those listed: counted, not sent. */
  moreErrors: number;
}
