import type { BenchEngine, CaseResult } from './stats';

export type CaseRun = (dir: string, engine: BenchEngine) => Promise<CaseResult>;

export interface BenchCase {
  name: string;
  /** The engines it runs on, each in a process of its own; 'client' cases run once, engine-free. */
  engines: readonly BenchEngine[];
  /** Imported only in the process that runs it, after that process's engine is fixed. */
  load(): Promise<CaseRun>;
}

/** In the order npm run bench runs them. */
export const CASES: readonly BenchCase[] = [
  {
    name: 'milestone.list',
    engines: ['sqlite', 'postgres'],
    load: async () => (await import('./cases/milestone-list')).benchMilestoneList,
  },
  {
    name: 'csv export',
    engines: ['sqlite', 'postgres'],
    load: async () => (await import('./cases/csv-export')).benchCsvExport,
  },
  {
    name: 'status change',
    engines: ['sqlite', 'postgres'],
    load: async () => (await import('./cases/status-change')).benchStatusChange,
  },
  {
    name: 'two servers',
    engines: ['postgres'],
    load: async () => (await import('./cases/two-servers')).benchTwoServers,
  },
  { name: 'timeline', engines: ['client'], load: async () => (await import('./cases/timeline')).benchTimeline },
  { name: 'js size', engines: ['client'], load: async () => (await import('./cases/js-size')).benchJsSize },
  { name: 'network', engines: ['client'], load: async () => (await import('./cases/network')).benchNetwork },
];
