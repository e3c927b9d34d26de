import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDay, formatPlannedDate } from '../../shared/date-label';
import { milestoneByIdSchema, milestoneFilterSchema } from '../../shared/milestone';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('formatPlannedDate', () => {
  it('writes a year as the year', () => {
    expect(formatPlannedDate('2030-01-01', 'year', 'ru')).toBe('2030');
    expect(formatPlannedDate('2030-01-01', 'year', 'en')).toBe('2030');
  });

  it('writes a quarter the way each language does', () => {
    expect(formatPlannedDate('2028-07-01', 'quarter', 'ru')).toBe('III кв. 2028');
    expect(formatPlannedDate('2028-07-01', 'quarter', 'en')).toBe('Q3 2028');
    expect(formatPlannedDate('2028-01-01', 'quarter', 'ru')).toBe('I кв. 2028');
    expect(formatPlannedDate('2028-10-01', 'quarter', 'en')).toBe('Q4 2028');
    expect(formatPlannedDate('2028-10-01', 'quarter', 'ru')).toBe('IV кв. 2028');
  });

  it('writes a half-year the way each language does', () => {
    expect(formatPlannedDate('2029-01-01', 'half', 'ru')).toBe('I пол. 2029');
    expect(formatPlannedDate('2029-01-01', 'half', 'en')).toBe('H1 2029');
    expect(formatPlannedDate('2029-07-01', 'half', 'ru')).toBe('II пол. 2029');
    expect(formatPlannedDate('2029-07-01', 'half', 'en')).toBe('H2 2029');
  });

  it('writes a month by name', () => {
    expect(formatPlannedDate('2028-03-01', 'month', 'ru')).toMatch(/^март 2028/);
    expect(formatPlannedDate('2028-03-01', 'month', 'en')).toBe('March 2028');
    expect(formatPlannedDate('2030-12-01', 'month', 'en')).toBe('December 2030');
    expect(formatPlannedDate('2030-01-01', 'month', 'ru')).toMatch(/^январь 2030/);
  });

  it('writes a day in full, with the day the data says', () => {
    expect(formatPlannedDate('2030-12-31', 'day', 'en')).toBe('31 December 2030');
    const ru = formatPlannedDate('2030-12-31', 'day', 'ru');
    expect(ru).toContain('31');
    expect(ru).toContain('декабря 2030');
    expect(ru).not.toContain('30 декабря');
    expect(formatPlannedDate('2030-01-01', 'day', 'en')).toBe('1 January 2030');
    expect(formatDay('2028-02-29', 'ru')).toMatch(/^29 февраля 2028/);
    expect(formatDay('2025-11-06', 'en')).toBe('6 November 2025');
  });

  it('keeps 2030-12-31 and 2030-01-01 in every time zone', () => {
    // A process's time zone is fixed at start-up, so ask fresh processes in far-apart zones.
    const module = pathToFileURL(resolve(ROOT, 'shared/date-label.ts')).href;
    const script = `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify([
      m.formatPlannedDate('2030-12-31', 'day', 'ru'), m.formatPlannedDate('2030-12-31', 'day', 'en'),
      m.formatPlannedDate('2030-01-01', 'day', 'en'), m.formatPlannedDate('2030-01-01', 'year', 'en'),
      m.formatPlannedDate('2030-12-01', 'month', 'en'), m.formatPlannedDate('2030-10-01', 'quarter', 'en'),
    ])))`;
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Krasnoyarsk', 'UTC']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      const [ruDay, enDay, newYear, year, month, quarter] = JSON.parse(out) as string[];
      expect(ruDay, tz).toContain('31 декабря 2030');
      expect(enDay, tz).toBe('31 December 2030');
      expect(newYear, tz).toBe('1 January 2030');
      expect(year, tz).toBe('2030');
      expect(month, tz).toBe('December 2030');
      expect(quarter, tz).toBe('Q4 2030');
    }
  });
});

describe('milestoneFilterSchema', () => {
  it('accepts an empty filter and a full one', () => {
    expect(milestoneFilterSchema.parse({})).toEqual({});
    expect(
      milestoneFilterSchema.parse({
        status: ['planned', 'done'],
        workstream: [1, 2],
        participant: [3],
        region: [4],
        q: '  лития ',
        from: '2028-01-01',
        to: '2030-12-31',
      }),
    ).toEqual({
      status: ['planned', 'done'],
      workstream: [1, 2],
      participant: [3],
      region: [4],
      q: 'лития',
      from: '2028-01-01',
      to: '2030-12-31',
    });
  });

  it('reads ids written as text, as a URL gives them', () => {
    expect(milestoneFilterSchema.parse({ workstream: ['7'], region: ['2', '3'] })).toEqual({
      workstream: [7],
      region: [2, 3],
    });
  });

  it('accepts a one-day range', () => {
    expect(milestoneFilterSchema.safeParse({ from: '2030-12-31', to: '2030-12-31' }).success).toBe(true);
  });

  it('refuses a range that ends before it starts, naming "to"', () => {
    const result = milestoneFilterSchema.safeParse({ from: '2031-01-01', to: '2030-12-31' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ message: 'errors.dateRange', path: ['to'] });
  });

  it('refuses impossible days, unknown statuses, bad ids and overlong text', () => {
    const bad: unknown[] = [
      { from: '2030-02-30' },
      { to: '2030-13-01' },
      { from: '30.12.2030' },
      { status: ['finished'] },
      { status: 'done' },
      { workstream: [0] },
      { participant: [-1] },
      { region: [1.5] },
      { region: ['krasnoyarsk'] },
      { q: 'я'.repeat(201) },
      { workstream: Array.from({ length: 101 }, (_, i) => i + 1) },
    ];
    for (const value of bad) expect(milestoneFilterSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    const day = milestoneFilterSchema.safeParse({ from: '2030-02-30' });
    expect(day.error?.issues[0]).toMatchObject({ message: 'errors.noSuchDate', path: ['from'] });
  });

  it('milestoneByIdSchema wants a positive integer id', () => {
    expect(milestoneByIdSchema.parse({ id: '12' })).toEqual({ id: 12 });
    for (const id of [0, -1, 1.5, 'abc', null])
      expect(milestoneByIdSchema.safeParse({ id }).success, String(id)).toBe(false);
  });
});
