import { z } from 'zod';
import { sourceCreateWithReasonSchema } from '../../shared/changes';
import { idSchema } from '../../shared/milestone';
import { snapshotAttachSchema, snapshotPurgeSchema } from '../../shared/snapshot';
import { listSources } from '../services/reference';
import { createSource } from '../services/source/create';
import { attachSnapshot, purgeSnapshot, snapshotTextOf } from '../services/source/snapshot';
import { adminProcedure, plannerProcedure, readProcedure, router } from '../trpc';

export const sourceRouter = router({
  list: readProcedure.query(({ ctx }) => listSources(ctx.db)),
  create: plannerProcedure
    .input(sourceCreateWithReasonSchema)
    .mutation(({ ctx, input }) => createSource(ctx.db, ctx.user, input)),
  /** The kept text of a source: planners and admins only, never viewers, never in an export. */
  snapshot: plannerProcedure
    .input(z.object({ sourceId: idSchema }))
    .query(async ({ ctx, input }) => ({ text: await snapshotTextOf(ctx.db, input.sourceId) })),
  attachSnapshot: plannerProcedure
    .input(snapshotAttachSchema)
    .mutation(({ ctx, input }) => attachSnapshot(ctx.db, ctx.user, input)),
  purgeSnapshot: adminProcedure
    .input(snapshotPurgeSchema)
    .mutation(({ ctx, input }) => purgeSnapshot(ctx.db, ctx.user, input)),
});
