import { listSources } from '../services/reference';
import { publicProcedure, router } from '../trpc';

export const sourceRouter = router({
  list: publicProcedure.query(({ ctx }) => listSources(ctx.db)),
});
