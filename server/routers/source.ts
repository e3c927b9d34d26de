import { sourceCreateWithReasonSchema } from '../../shared/changes';
import { listSources } from '../services/reference';
import { createSource } from '../services/source/create';
import { plannerProcedure, readProcedure, router } from '../trpc';

export const sourceRouter = router({
  list: readProcedure.query(({ ctx }) => listSources(ctx.db)),
  create: plannerProcedure
    .input(sourceCreateWithReasonSchema)
    .mutation(({ ctx, input }) => createSource(ctx.db, ctx.user, input)),
});
