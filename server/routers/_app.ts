import { createCallerFactory, router } from '../trpc';
import { authRouter } from './auth';
import { claimRouter } from './claim';
import { historyRouter } from './history';
import { intakeRouter } from './intake';
import { milestoneRouter } from './milestone';
import { participantRouter } from './participant';
import { regionRouter } from './region';
import { sourceRouter } from './source';
import { userRouter } from './user';
import { workstreamRouter } from './workstream';

export const appRouter = router({
  milestone: milestoneRouter,
  claim: claimRouter,
  source: sourceRouter,
  participant: participantRouter,
  workstream: workstreamRouter,
  region: regionRouter,
  history: historyRouter,
  intake: intakeRouter,
  auth: authRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

export type ProcedureType = 'query' | 'mutation' | 'subscription';

/** Every procedure of the app router by dotted path, read from the router itself. */
export function procedureTypes(): { path: string; type: ProcedureType }[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;
  return Object.entries(procedures).map(([path, procedure]) => ({ path, type: procedure._def.type }));
}
