import { z } from 'zod';

/** The words of claims, apart from their rules (shared/claims.ts), so schemas and filters can use them without a cycle. */

export const QUALIFIERS = ['exact', 'approximate', 'no_later_than', 'no_earlier_than'] as const;
export const qualifierSchema = z.enum(QUALIFIERS);
export type Qualifier = z.infer<typeof qualifierSchema>;

export const CLAIM_KINDS = ['date', 'status'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_RANKS = ['current', 'other', 'superseded'] as const;
export const claimRankSchema = z.enum(CLAIM_RANKS);
export type ClaimRank = z.infer<typeof claimRankSchema>;

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export const confidenceLevelSchema = z.enum(CONFIDENCE_LEVELS);
export type ConfidenceLevel = z.infer<typeof confidenceLevelSchema>;
