import { historyFilterSchema } from '../../shared/history';
import { listHistory } from '../services/history/list';
import { readProcedure, router } from '../trpc';

export const historyRouter = router({
  list: readProcedure.input(historyFilterSchema).query(({ ctx, input }) => listHistory(ctx.db, input)),
});
