import { createCallerFactory, router } from '../trpc';
import { milestoneRouter } from './milestone';
import { participantRouter } from './participant';
import { regionRouter } from './region';
import { sourceRouter } from './source';
import { workstreamRouter } from './workstream';

export const appRouter = router({
  milestone: milestoneRouter,
  source: sourceRouter,
  participant: participantRouter,
  workstream: workstreamRouter,
  region: regionRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
