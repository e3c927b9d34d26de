import { listWorkstreams } from '../services/reference';
import { publicProcedure, router } from '../trpc';

export const workstreamRouter = router({
  list: publicProcedure.query(({ ctx }) => listWorkstreams(ctx.db)),
});
