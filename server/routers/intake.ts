import { intakeAnalyzeSchema, intakeApplySchema, intakeDiscardSchema } from '../../shared/intake-review';
import { analyzeIntake } from '../services/intake/analyze';
import { applyIntake } from '../services/intake/apply';
import { discardIntake } from '../services/intake/discard';
import { plannerProcedure, router } from '../trpc';

/**
 * The news intake: planners and admins only; viewers see nothing of drafts. DESIGN.md names the
 * apply procedure `intake.apply`, a word tRPC v11 reserves (its client proxies are functions):
 * it is `applyDraft` here, and the HTTP layer answers `/trpc/intake.apply` with it
 * (server/http/app.ts), so scripts keep the documented name.
 */
export const intakeRouter = router({
  analyze: plannerProcedure
    .input(intakeAnalyzeSchema)
    .mutation(({ ctx, input }) => analyzeIntake(ctx.db, ctx.user, input)),
  applyDraft: plannerProcedure
    .input(intakeApplySchema)
    .mutation(({ ctx, input }) => applyIntake(ctx.db, ctx.user, input)),
  discard: plannerProcedure
    .input(intakeDiscardSchema)
    .mutation(({ ctx, input }) => discardIntake(ctx.db, input.draftId)),
});
