import { describe, expect, it } from 'vitest';
import {
  parseDate,
  plannedFrom,
  positiveInteger,
  sameText,
  statusOf,
  textOf,
} from '../../server/services/csv/import/parse-cells';
import type { CsvImportError } from '../../shared/csv';
import type { PlannedDate } from '../../shared/precision';

/** What a planner typed in a spreadsheet cell, read as the value it means (the CSV import's pure part). */

describe('parseDate', () => {
  it.each([
    ['2030-12-31', '2030-12-31'],
    [' 2030-1-5 ', '2030-01-05'],
    ['31.12.2030', '2030-12-31'],
    ['5.1.2030', '2030-01-05'],
    ['', null],
    ['   ', null],
    ['2030-02-30', undefined],
    ['30.02.2030', undefined],
    ['2030/12/31', undefined],
    ['12/31/2030', undefined],
    ['завтра', undefined],
  ])('%j → %j', (cell, expected) => {
    expect(parseDate(cell)).toBe(expected);
  });
});

describe('positiveInteger', () => {
  it.each([
    ['7', 7],
    [' 42 ', 42],
    ['0', null],
    ['-3', null],
    ['3.5', null],
    ['1e3', null],
    ['', null],
    ['1234567890123456', null],
    ['2147483647', 2147483647],
    ['2147483648', null],
  ])('%j → %j', (cell, expected) => {
    expect(positiveInteger(cell)).toBe(expected);
  });
});

describe('text cells', () => {
  it('takes off the apostrophe the export put before a formula lead', () => {
    expect(textOf("'=2+3")).toBe('=2+3');
    expect(textOf('Завод')).toBe('Завод');
  });
  it('treats CRLF and LF inside a cell as the same text', () => {
    expect(sameText('строка 1\r\nстрока 2', 'строка 1\nстрока 2')).toBe(true);
    expect(sameText('строка 1', 'строка 2')).toBe(false);
  });
});

describe('statusOf', () => {
  const read = (cells: { status?: string; statusLabel?: string }, current = 'planned' as const) => {
    const errors: CsvImportError[] = [];
    return { status: statusOf(2, cells, current, errors), errors: errors.map((e) => e.message) };
  };
  it.each([
    [{ status: 'done' }, 'done', []],
    [{ statusLabel: 'Выполнено' }, 'done', []],
    [{ statusLabel: 'at risk' }, 'at_risk', []],
    [{ status: 'planned', statusLabel: 'Под угрозой' }, 'at_risk', []],
    [{ status: 'done', statusLabel: 'Запланировано' }, 'done', []],
    [{ status: 'done', statusLabel: 'Под угрозой' }, undefined, ['csv.errors.statusConflict']],
    [{ status: 'почти готово' }, undefined, ['csv.errors.unknownStatus']],
    [{ statusLabel: '' }, 'planned', []],
    [{}, 'planned', []],
  ])('%j → %j', (cells, status, errors) => {
    expect(read(cells)).toEqual({ status, errors });
  });
});

describe('plannedFrom', () => {
  const year2030: PlannedDate = { start: '2030-01-01', end: '2030-12-31', precision: 'year' };
  const read = (cells: Record<string, string>, current: PlannedDate | null = year2030) => {
    const errors: CsvImportError[] = [];
    return { planned: plannedFrom(2, cells, current, errors), errors: errors.map((e) => e.message) };
  };
  it('keeps the date when no date column is in the file', () => {
    expect(read({})).toEqual({ planned: year2030, errors: [] });
  });
  it('takes a whole period as written', () => {
    expect(read({ plannedStart: '2031-01-01', plannedEnd: '2031-12-31', precision: 'year' }).planned).toEqual({
      start: '2031-01-01',
      end: '2031-12-31',
      precision: 'year',
    });
  });
  it('moves the period around the one end that moved', () => {
    expect(read({ plannedStart: '2030-01-01', plannedEnd: '2031-12-31', precision: 'year' }).planned).toEqual({
      start: '2031-01-01',
      end: '2031-12-31',
      precision: 'year',
    });
  });
  it('reads a changed precision around the start, in either language', () => {
    expect(read({ plannedStart: '2030-07-01', plannedEnd: '2030-12-31', precision: 'Квартал' }).planned).toEqual({
      start: '2030-07-01',
      end: '2030-09-30',
      precision: 'quarter',
    });
  });
  it('clears the date when every date cell is empty', () => {
    expect(read({ plannedStart: '', plannedEnd: '', precision: '' })).toEqual({ planned: null, errors: [] });
  });
  it.each([
    [{ plannedStart: '2030-13-01', plannedEnd: '2030-12-31', precision: 'year' }, ['csv.errors.noSuchDate']],
    [{ plannedStart: '2030-01-01', plannedEnd: '2030-12-31', precision: 'fortnight' }, ['csv.errors.precision']],
    [{ plannedStart: '2031-03-01', plannedEnd: '2032-05-31', precision: 'year' }, ['errors.plannedInterval']],
    [{ plannedStart: '2030-01-01', plannedEnd: '2030-12-31', precision: '' }, ['csv.errors.precisionRequired']],
  ])('refuses %j with %j', (cells, errors) => {
    expect(read(cells)).toEqual({ planned: undefined, errors });
  });
});
