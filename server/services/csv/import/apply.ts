import { type CitationInput, citedFieldsOf } from '../../../../shared/changes';
import { type CsvImportResult, type CsvImportRow, importReason } from '../../../../shared/csv';
import type { SessionUser } from '../../../../shared/user';
import { publishChange } from '../../../db/change-feed';
import type { Db } from '../../../db/client';
import { writeTransaction } from '../../../db/transaction';
import { AppError } from '../../../errors';
import { applyMilestoneUpdate } from '../../milestone/update';
import { pacer } from '../../next-turn';
import { insertSource } from '../../source/insert';
import { checkForm, type Plan, planRows } from './plan-rows';
import { type CsvImportInput, fail, readTable } from './read-table';

/**
 * CSV import for planners: the export's own file, edited in a spreadsheet, read back. A dry
 * run and an apply go through the same code, in one write transaction, with the same
 * `applyMilestoneUpdate` a form save uses; the dry run (or any error) rolls it back, so what
 * the preview shows is what the apply does, and an apply is all rows or none.
 */

/** Thrown to leave the transaction with nothing written: a dry run, or a file with errors. */
class RollBack extends Error {}

function changesCitedField(plan: Plan): boolean {
  return citedFieldsOf(plan.changes.map((c) => c.field)).length > 0;
}

/**
 * Checks a file (dry run) or applies it. Applying writes every changed row — the milestone,
 * its version + 1, one history row per field, the citation — in one transaction, or nothing:
 * any error, a stale version included, leaves the database as it was.
 */
export async function importMilestonesCsv(
  db: Db,
  actor: SessionUser,
  input: CsvImportInput,
  { dryRun, maxRows, maxErrors }: { dryRun: boolean; maxRows: number; maxErrors: number },
  now = new Date().toISOString(),
): Promise<CsvImportResult> {
  const table = await readTable(input.csv, { maxRows });
  const errors = [...table.errors];
  let plans: Plan[] = [];
  let unchanged = 0;
  let applied = false;
  try {
    // A file refused as a whole (too many rows, no header, unreadable) opens no transaction.
    if (!table.rows.length) throw new RollBack();
    await writeTransaction(db, async (tx) => {
      ({ plans, unchanged } = await planRows(tx, table.rows, errors));
      // A file that changes nothing needs no reason and no source.
      if (!plans.length) throw new RollBack();
      const form = await checkForm(tx, input, plans.some(changesCitedField), errors);
      // A file with errors is not tried further: what it would do is not what the planner meant.
      if (errors.length) throw new RollBack();

      // One citation for the whole file: a new source is created once, then cited by each row.
      let citation: CitationInput | undefined = form.citation;
      if (citation && 'newSource' in citation) {
        citation = {
          sourceId: await insertSource(tx, citation.newSource, actor.id, form.reason, now),
          quote: citation.quote,
        };
      }
      const reason = importReason(input.fileName, form.reason);
      // Every query is synchronous on SQLite: without a turn now and then, thousands of rows
      // would keep every other request, /healthz included, waiting for the whole import.
      const pace = pacer(5);
      for (const plan of plans) {
        await pace();
        try {
          await applyMilestoneUpdate(
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
      await publishChange(tx, { milestoneId: null, version: null, at: now });
      applied = true;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }

  const rows: CsvImportRow[] = plans.map((p) => ({
    row: p.row,
    id: p.current.id,
    title: p.current.titleRu,
    changes: p.changes,
  }));
  // The first errors say what is wrong with the file; thousands more would only make the answer
  // (and the screen) heavy. The rest are counted.
  const sorted = errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    dryRun,
    applied,
    total: table.total,
    unchanged,
    rows,
    errors: sorted.slice(0, maxErrors),
    moreErrors: Math.max(0, sorted.length - maxErrors),
  };
}
