export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Where a case ran: on one engine's server, or in the browser and the build (engine-free). */
export type BenchEngine = 'sqlite' | 'postgres' | 'client';

export interface CaseResult {
  case: string;
  engine: BenchEngine;
  ours: number;
  floor: number;
  unit: string;
  /** ours / floor: for times, how many times the floor's cost we pay; for throughputs, what share of the floor's we reach. */
  ratio: number;
  budget: string;
  /** Null for a figure that is only reported. */
  pass: boolean | null;
  notes: Record<string, number | string>;
}
