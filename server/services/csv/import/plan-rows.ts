import { eq, inArray } from 'drizzle-orm';
import { citationInputSchema, milestoneUpdateSchema, reasonSchema } from '../../../../shared/changes';
import type { CsvImportChange, CsvImportError } from '../../../../shared/csv';
import { quoteIsIn } from '../../../../shared/snapshot';
import { readMessage } from '../../../../shared/validation-messages';
import type { Db } from '../../../db/client';
import { milestones, sources } from '../../../db/schema';
import { plannedOf } from '../../milestone/relations';
import { nextTurn, pacer } from '../../next-turn';
import { snapshotTextOf } from '../../source/snapshot';
import { dateCellError, parseDate, plannedFrom, positiveInteger, sameText, statusOf, textOf } from './parse-cells';
import { type CsvImportInput, type DataRow, fail } from './read-table';

/** What each row would change, against the milestones as they are now; nothing is written here. */

type Current = typeof milestones.$inferSelect;

export interface Plan {
  row: number;
  current: Current;
  changes: CsvImportChange[];
  input: Partial<Pick<ReturnType<typeof milestoneUpdateSchema.parse>, CsvImportChange['field']>>;
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
      const { key, params } = readMessage(parsed.error.issues[0]?.message ?? '');
      errors.push(fail(row, column, key, params));
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
    if (actual === undefined) errors.push(fail(row, 'actualDate', dateCellError(cells.actualDate)));
    else if (actual !== current.actualDate) {
      changes.push({ field: 'actualDate', from: current.actualDate, to: actual });
      input.actualDate = actual;
    }
  }
  return errors.length === before ? { row, current, changes, input } : null;
}

async function loadCurrent(db: Db, ids: number[]): Promise<Map<number, Current>> {
  const found = new Map<number, Current>();
  for (let i = 0; i < ids.length; i += 500) {
    if (i > 0) await nextTurn();
    const batch = ids.slice(i, i + 500);
    for (const m of await db.select().from(milestones).where(inArray(milestones.id, batch))) found.set(m.id, m);
  }
  return found;
}

/** Ids and versions of every row, each milestone once; the rest is planned against the current values. */
export async function planRows(
  db: Db,
  rows: DataRow[],
  errors: CsvImportError[],
): Promise<{ plans: Plan[]; unchanged: number }> {
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
  const current = await loadCurrent(
    db,
    keyed.map((k) => k.id),
  );
  const plans: Plan[] = [];
  let unchanged = 0;
  const pace = pacer(200);
  for (const { data, id, version } of keyed) {
    await pace();
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
export async function checkForm(db: Db, input: CsvImportInput, needsCitation: boolean, errors: CsvImportError[]) {
  const reason = reasonSchema.safeParse(input.reason);
  if (!reason.success) {
    const { key, params } = readMessage(reason.error.issues[0]?.message ?? 'errors.reasonRequired');
    errors.push(fail(null, 'reason', key, params));
  }
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
      const { key, params } = readMessage(issue.message);
      errors.push(fail(null, path, key, params));
    }
    return { reason: reason.data ?? '', citation: undefined };
  }
  if (
    'sourceId' in citation.data &&
    !(await db.select({ id: sources.id }).from(sources).where(eq(sources.id, citation.data.sourceId))).length
  ) {
    errors.push(fail(null, 'citation.sourceId', 'errors.sourceNotFound'));
  } else if ('sourceId' in citation.data) {
    // Checked once for the file: the same quote backs every row that needs one.
    const text = await snapshotTextOf(db, citation.data.sourceId);
    if (text !== null && !quoteIsIn(text, citation.data.quote)) {
      errors.push(fail(null, 'citation.quote', 'errors.quoteNotInSource'));
    }
  }
  return { reason: reason.data ?? '', citation: citation.data };
}
