import { describe, expect, it } from 'vitest';
import {
  intervalFor,
  isCalendarDate,
  isWholePeriod,
  nextDay,
  PRECISIONS,
  parseCalendarDate,
  plannedDateSchema,
} from '../../shared/precision';

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    for (const d of ['2030-12-31', '2028-02-29', '2000-02-29', '2025-01-01']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of [
      '2030-02-30',
      '2029-02-29',
      '1900-02-29',
      '2030-13-01',
      '2030-00-10',
      '2030-04-31',
      '2030-1-1',
      '2030-12-31T00:00:00Z',
      '',
      '31.12.2030',
      // Before the year 1000: no roadmap date, and Date.UTC would read 0–99 as 1900–1999.
      '0000-02-29',
      '0099-01-01',
      '0999-12-31',
    ])
      expect(isCalendarDate(d), d).toBe(false);
    expect(isCalendarDate('1000-01-01')).toBe(true);
  });

  it('parseCalendarDate refuses what is not a date', () => {
    expect(parseCalendarDate('2030-07-04')).toEqual({ year: 2030, month: 7, day: 4 });
    expect(() => parseCalendarDate('4 July 2030')).toThrow(RangeError);
  });
});

describe('intervalFor', () => {
  it('gives the whole period that holds the anchor', () => {
    expect(intervalFor('year', '2030-05-10')).toEqual({ start: '2030-01-01', end: '2030-12-31' });
    expect(intervalFor('half', '2029-03-15')).toEqual({ start: '2029-01-01', end: '2029-06-30' });
    expect(intervalFor('half', '2029-07-01')).toEqual({ start: '2029-07-01', end: '2029-12-31' });
    expect(intervalFor('quarter', '2028-08-20')).toEqual({ start: '2028-07-01', end: '2028-09-30' });
    expect(intervalFor('quarter', '2028-12-31')).toEqual({ start: '2028-10-01', end: '2028-12-31' });
    expect(intervalFor('quarter', '2028-01-01')).toEqual({ start: '2028-01-01', end: '2028-03-31' });
    expect(intervalFor('month', '2030-04-15')).toEqual({ start: '2030-04-01', end: '2030-04-30' });
    expect(intervalFor('day', '2030-12-31')).toEqual({ start: '2030-12-31', end: '2030-12-31' });
  });

  it('knows February in leap and common years', () => {
    expect(intervalFor('month', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(intervalFor('month', '2029-02-10')).toEqual({ start: '2029-02-01', end: '2029-02-28' });
    expect(intervalFor('month', '2100-02-10')).toEqual({ start: '2100-02-01', end: '2100-02-28' });
    expect(intervalFor('month', '2000-02-10')).toEqual({ start: '2000-02-01', end: '2000-02-29' });
    expect(intervalFor('quarter', '2028-02-29')).toEqual({ start: '2028-01-01', end: '2028-03-31' });
  });

  it('gives back an interval that is a whole period for every precision', () => {
    for (const precision of PRECISIONS) {
      for (const anchor of ['2028-02-29', '2030-06-30', '2031-11-15']) {
        const { start, end } = intervalFor(precision, anchor);
        expect(isWholePeriod(precision, start, end), `${precision} ${anchor}`).toBe(true);
        expect(start <= anchor && anchor <= end).toBe(true);
      }
    }
  });
});

describe('isWholePeriod', () => {
  it('accepts exactly one whole period', () => {
    expect(isWholePeriod('year', '2030-01-01', '2030-12-31')).toBe(true);
    expect(isWholePeriod('half', '2029-07-01', '2029-12-31')).toBe(true);
    expect(isWholePeriod('quarter', '2028-04-01', '2028-06-30')).toBe(true);
    expect(isWholePeriod('month', '2028-02-01', '2028-02-29')).toBe(true);
    expect(isWholePeriod('day', '2030-12-31', '2030-12-31')).toBe(true);
  });

  it('refuses partial, overlong, misaligned and impossible intervals', () => {
    expect(isWholePeriod('year', '2030-01-01', '2030-12-30')).toBe(false);
    expect(isWholePeriod('year', '2030-01-02', '2030-12-31')).toBe(false);
    expect(isWholePeriod('year', '2030-01-01', '2031-12-31')).toBe(false);
    expect(isWholePeriod('half', '2029-04-01', '2029-09-30')).toBe(false);
    expect(isWholePeriod('quarter', '2028-02-01', '2028-04-30')).toBe(false);
    expect(isWholePeriod('month', '2029-02-01', '2029-02-29')).toBe(false);
    expect(isWholePeriod('month', '2028-02-01', '2028-02-28')).toBe(false);
    expect(isWholePeriod('day', '2030-12-30', '2030-12-31')).toBe(false);
    expect(isWholePeriod('year', '2030', '2030-12-31')).toBe(false);
  });
});

describe('nextDay', () => {
  it('rolls over months and years', () => {
    expect(nextDay('2030-05-10')).toBe('2030-05-11');
    expect(nextDay('2030-04-30')).toBe('2030-05-01');
    expect(nextDay('2030-12-31')).toBe('2031-01-01');
    expect(nextDay('1999-12-31')).toBe('2000-01-01');
  });

  it('knows leap years', () => {
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2028-02-29')).toBe('2028-03-01');
    expect(nextDay('2029-02-28')).toBe('2029-03-01');
    expect(nextDay('2100-02-28')).toBe('2100-03-01');
    expect(nextDay('2000-02-28')).toBe('2000-02-29');
  });
});

describe('plannedDateSchema', () => {
  it('accepts a whole period', () => {
    expect(plannedDateSchema.parse({ start: '2030-01-01', end: '2030-12-31', precision: 'year' })).toEqual({
      start: '2030-01-01',
      end: '2030-12-31',
      precision: 'year',
    });
    expect(plannedDateSchema.safeParse({ start: '2028-07-01', end: '2028-09-30', precision: 'quarter' }).success).toBe(
      true,
    );
  });

  it('refuses an interval that is not one whole period, naming the end', () => {
    const result = plannedDateSchema.safeParse({ start: '2030-01-01', end: '2030-06-30', precision: 'year' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ message: 'errors.plannedInterval', path: ['end'] });
  });

  it('refuses impossible days, unknown precisions and missing fields', () => {
    const bad = [
      { start: '2030-02-30', end: '2030-02-30', precision: 'day' },
      { start: '2030-01-01', end: '2030-12-31', precision: 'decade' },
      { start: '2030-01-01', precision: 'year' },
      { start: '2030-01-01T00:00:00Z', end: '2030-12-31', precision: 'year' },
      { start: 20300101, end: '2030-12-31', precision: 'year' },
      null,
    ];
    for (const value of bad) expect(plannedDateSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    const day = plannedDateSchema.safeParse({ start: '2029-02-29', end: '2029-02-29', precision: 'day' });
    expect(day.error?.issues.map((i) => i.message)).toContain('errors.noSuchDate');
  });
});
