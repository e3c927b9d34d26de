import { listWorkstreams } from '../services/reference';
import { readProcedure, router } from '../trpc';

export const workstreamRouter = router({
  list: readProcedure.query(({ ctx }) => listWorkstreams(ctx.db)),
});
