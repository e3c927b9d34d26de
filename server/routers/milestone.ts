import { citationCreateSchema, milestoneCreateSchema, milestoneUpdateSchema } from '../../shared/changes';
import { csvImportProcedureSchema } from '../../shared/csv';
import { milestoneByIdSchema, milestoneFilterSchema } from '../../shared/milestone';
import { addMilestoneCitation } from '../services/citation/add';
import { importMilestonesCsv } from '../services/csv/import/apply';
import { type LiveChange, liveChangesFor } from '../services/live-changes';
import { createMilestone } from '../services/milestone/create';
import { getMilestone } from '../services/milestone/get';
import { listMilestones } from '../services/milestone/list';
import { updateMilestone } from '../services/milestone/update';
import { plannerProcedure, readProcedure, router } from '../trpc';

export const milestoneRouter = router({
  list: readProcedure
    .input(milestoneFilterSchema)
    .query(({ ctx, input }) => listMilestones(ctx.db, input, ctx.language)),
  byId: readProcedure
    .input(milestoneByIdSchema)
    .query(({ ctx, input }) => getMilestone(ctx.db, input.id, ctx.language)),
  create: plannerProcedure
    .input(milestoneCreateSchema)
    .mutation(({ ctx, input }) => createMilestone(ctx.db, ctx.user, input)),
  update: plannerProcedure
    .input(milestoneUpdateSchema)
    .mutation(({ ctx, input }) => updateMilestone(ctx.db, ctx.user, input)),
  addCitation: plannerProcedure
    .input(citationCreateSchema)
    .mutation(({ ctx, input }) => addMilestoneCitation(ctx.db, ctx.user, input)),
  /**
   * A planner's CSV file checked (dryRun) or applied. Called through `createCaller` by
   * `POST /api/import/milestones.csv`, which takes the larger body of a whole roadmap.
   */
  importCsv: plannerProcedure
    .input(csvImportProcedureSchema)
    .mutation(({ ctx, input }) =>
      importMilestonesCsv(ctx.db, ctx.user, input, { dryRun: input.dryRun, ...ctx.importLimits }),
    ),
  /**
   * Saved changes as they happen (server-sent events), so open timelines refresh without a
   * reload; also a change to the caller's own account, so an open page drops what it no longer may do.
   */
  onChange: readProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<LiveChange> {
    yield* liveChangesFor(ctx.db, ctx.user, signal);
  }),
});
