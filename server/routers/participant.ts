import { listParticipants } from '../services/reference';
import { publicProcedure, router } from '../trpc';

export const participantRouter = router({
  list: publicProcedure.query(({ ctx }) => listParticipants(ctx.db)),
});
