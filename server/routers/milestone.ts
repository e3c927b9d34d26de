import { on } from 'node:events';
import { citationCreateSchema, milestoneCreateSchema, milestoneUpdateSchema } from '../../shared/changes';
import { milestoneByIdSchema, milestoneFilterSchema } from '../../shared/milestone';
import { addMilestoneCitation } from '../services/citations';
import { type RoadmapChange, roadmapChanges } from '../services/events';
import { createMilestone, updateMilestone } from '../services/milestone-changes';
import { getMilestone, listMilestones } from '../services/milestones';
import { plannerProcedure, readProcedure, router } from '../trpc';

export const milestoneRouter = router({
  list: readProcedure.input(milestoneFilterSchema).query(({ ctx, input }) => listMilestones(ctx.db, input)),
  byId: readProcedure.input(milestoneByIdSchema).query(({ ctx, input }) => getMilestone(ctx.db, input.id)),
  create: plannerProcedure
    .input(milestoneCreateSchema)
    .mutation(({ ctx, input }) => createMilestone(ctx.db, ctx.user, input)),
  update: plannerProcedure
    .input(milestoneUpdateSchema)
    .mutation(({ ctx, input }) => updateMilestone(ctx.db, ctx.user, input)),
  addCitation: plannerProcedure
    .input(citationCreateSchema)
    .mutation(({ ctx, input }) => addMilestoneCitation(ctx.db, ctx.user, input)),
  /** Saved changes as they happen (server-sent events), so open timelines refresh without a reload. */
  onChange: readProcedure.subscription(async function* ({ signal }): AsyncGenerator<RoadmapChange> {
    for await (const [change] of on(roadmapChanges, 'change', { signal })) yield change as RoadmapChange;
  }),
});
