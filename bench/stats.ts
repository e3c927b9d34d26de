export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export interface CaseResult {
  case: string;
  ours: number;
  floor: number;
  unit: string;
  /** ours / floor, or floor / ours for throughputs: always "how many times the floor's cost we pay". */
  ratio: number;
  budget: string;
  pass: boolean;
  notes: Record<string, number | string>;
}
