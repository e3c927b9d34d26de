import { milestoneByIdSchema, milestoneFilterSchema } from '../../shared/milestone';
import { getMilestone, listMilestones } from '../services/milestones';
import { publicProcedure, router } from '../trpc';

export const milestoneRouter = router({
  list: publicProcedure.input(milestoneFilterSchema).query(({ ctx, input }) => listMilestones(ctx.db, input)),
  byId: publicProcedure.input(milestoneByIdSchema).query(({ ctx, input }) => getMilestone(ctx.db, input.id)),
});
