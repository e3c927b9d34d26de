import type { ClaimedDate } from '../../../../shared/claims';
import type { MilestoneDetailsData } from '../edit/draft';
import type { ClaimView } from './claim-view';

type PromiseStep = MilestoneDetailsData['promises'][number];

export interface PromisePoint {
  claim: ClaimView & { planned: ClaimedDate };
  /** The step of the roadmap's promise history this claim is, if it was ever made current. */
  promise: (PromiseStep & { order: number }) | null;
}

/** Every date claim with a date, oldest statement first (undated first of all: their time is unknown). */
export function promisePoints(milestone: MilestoneDetailsData): PromisePoint[] {
  const steps = new Map(milestone.promises.map((p, order) => [p.claimId, { ...p, order }]));
  return milestone.claims
    .filter((c): c is PromisePoint['claim'] => c.kind === 'date' && c.planned !== null)
    .map((claim) => ({ claim, promise: steps.get(claim.id) ?? null }))
    .sort(
      (a, b) =>
        (a.claim.statedOn ?? '').localeCompare(b.claim.statedOn ?? '') ||
        (a.promise?.order ?? Number.POSITIVE_INFINITY) - (b.promise?.order ?? Number.POSITIVE_INFINITY) ||
        a.claim.id - b.claim.id,
    );
}
