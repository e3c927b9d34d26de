import { sourceCreateWithReasonSchema } from '../../shared/changes';
import { createSource } from '../services/citations';
import { listSources } from '../services/reference';
import { plannerProcedure, readProcedure, router } from '../trpc';

export const sourceRouter = router({
  list: readProcedure.query(({ ctx }) => listSources(ctx.db)),
  create: plannerProcedure
    .input(sourceCreateWithReasonSchema)
    .mutation(({ ctx, input }) => createSource(ctx.db, ctx.user, input)),
});
