import { listParticipants } from '../services/reference';
import { readProcedure, router } from '../trpc';

export const participantRouter = router({
  list: readProcedure.query(({ ctx }) => listParticipants(ctx.db)),
});
