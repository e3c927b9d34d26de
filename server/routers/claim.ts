import { claimAddSchema, claimSetRankSchema } from '../../shared/claims';
import { addClaim } from '../services/claim/add';
import { listDateMoves } from '../services/claim/moves';
import { setClaimRank } from '../services/claim/set-rank';
import { plannerProcedure, readProcedure, router } from '../trpc';

export const claimRouter = router({
  /** A source's date or status for a milestone, beside the others; it does not become current by itself. */
  add: plannerProcedure.input(claimAddSchema).mutation(({ ctx, input }) => addClaim(ctx.db, ctx.user, input)),
  setRank: plannerProcedure
    .input(claimSetRankSchema)
    .mutation(({ ctx, input }) => setClaimRank(ctx.db, ctx.user, input)),
  /** Every move of a promised date across the roadmap, on whose word. */
  moves: readProcedure.query(({ ctx }) => listDateMoves(ctx.db, ctx.language)),
});
