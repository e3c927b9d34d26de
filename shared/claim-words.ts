/**
 * The words of claims, apart from their rules (shared/claims.ts) and their schemas
 * (claim-enums.ts): no zod here, so the first screen's filters can list them without
 * downloading zod (network bench).
 */

export const QUALIFIERS = ['exact', 'approximate', 'no_later_than', 'no_earlier_than'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const CLAIM_KINDS = ['date', 'status'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_RANKS = ['current', 'other', 'superseded'] as const;
export type ClaimRank = (typeof CLAIM_RANKS)[number];

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];
