import { z } from 'zod';
import { CLAIM_RANKS, CONFIDENCE_LEVELS, QUALIFIERS } from './claim-words';

/**
 * The schemas of the words of claims (claim-words.ts), apart from their rules (shared/claims.ts),
 * so schemas and filters can use them without a cycle.
 */
export {
  CLAIM_KINDS,
  CLAIM_RANKS,
  type ClaimKind,
  type ClaimRank,
  CONFIDENCE_LEVELS,
  type ConfidenceLevel,
  QUALIFIERS,
  type Qualifier,
} from './claim-words';

export const qualifierSchema = z.enum(QUALIFIERS);
export const claimRankSchema = z.enum(CLAIM_RANKS);
export const confidenceLevelSchema = z.enum(CONFIDENCE_LEVELS);
