import { trackRecords } from '../services/participant/track-record';
import { listParticipants } from '../services/reference';
import { readProcedure, router } from '../trpc';

export const participantRouter = router({
  list: readProcedure.query(({ ctx }) => listParticipants(ctx.db)),
  /** Each organisation's record on the milestones it leads or executes. */
  trackRecord: readProcedure.query(({ ctx }) => trackRecords(ctx.db)),
});
