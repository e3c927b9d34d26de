import type { CsvImportError } from '../../../../shared/csv';
import { restoreFormulaText } from '../../../../shared/csv';
import { en } from '../../../../shared/i18n/en';
import { ru } from '../../../../shared/i18n/ru';
import { MAX_ID } from '../../../../shared/milestone';
import {
  formatCalendarDate,
  intervalFor,
  isCalendarDate,
  isWholePeriod,
  type PlannedDate,
  PRECISIONS,
  type Precision,
} from '../../../../shared/precision';
import { STATUSES, type Status } from '../../../../shared/status';
import { type Cells, fail, wordsOf } from './read-table';

/** One cell at a time: what a planner typed in a spreadsheet, read as the value it means. Pure. */

const STATUS_WORDS = wordsOf(STATUSES, ru.status, en.status);
const PRECISION_WORDS = wordsOf(PRECISIONS, ru.precision, en.precision);

/** A text cell as the planner meant it: the export's anti-formula apostrophe taken off. */
export const textOf = (cell: string | undefined) => restoreFormulaText(cell ?? '');
/** Spreadsheets may save a line break inside a cell as LF or CRLF: neither is a change. */
export const sameText = (a: string, b: string) => a === b || a.replace(/\r\n?/g, '\n') === b.replace(/\r\n?/g, '\n');

export function positiveInteger(cell: string | undefined): number | null {
  const value = (cell ?? '').trim();
  if (!/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  // Above MAX_ID no milestone can have it (PostgreSQL's ids are 32-bit): not a number of ours.
  return n > 0 && n <= MAX_ID ? n : null;
}

/**
 * Why a date cell was refused: written in neither form (`csv.errors.date`), or written so but
 * naming a day the calendar lacks, 2030-02-30 (`csv.errors.noSuchDate`): the fix differs.
 */
export function dateCellError(cell: string | undefined): 'csv.errors.date' | 'csv.errors.noSuchDate' {
  const value = (cell ?? '').trim();
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) || /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(value)
    ? 'csv.errors.noSuchDate'
    : 'csv.errors.date';
}

/** `YYYY-MM-DD`, or `DD.MM.YYYY` as a Russian spreadsheet saves a date it recognised; '' is no date. */
export function parseDate(cell: string | undefined): string | null | undefined {
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

/** The status a row asks for: the code, or the readable label when only that was edited. */
export function statusOf(row: number, cells: Cells, current: Status, errors: CsvImportError[]): Status | undefined {
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
export function plannedFrom(row: number, cells: Cells, current: PlannedDate | null, errors: CsvImportError[]) {
  if (cells.plannedStart === undefined && cells.plannedEnd === undefined && cells.precision === undefined) {
    return current;
  }
  const dateCell = (column: 'plannedStart' | 'plannedEnd', fallback: string | null) => {
    if (cells[column] === undefined) return fallback;
    const date = parseDate(cells[column]);
    if (date === undefined) errors.push(fail(row, column, dateCellError(cells[column])));
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
