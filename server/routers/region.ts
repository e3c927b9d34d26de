import { listRegions } from '../services/reference';
import { readProcedure, router } from '../trpc';

export const regionRouter = router({
  list: readProcedure.query(({ ctx }) => listRegions(ctx.db)),
});
