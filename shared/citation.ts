import { z } from 'zod';

/** What a quote backs: the milestone as a whole, its date, its status, or a participant's role in it. */
export const CITATION_CLAIMS = ['milestone', 'date', 'status', 'role'] as const;
export const citationClaimSchema = z.enum(CITATION_CLAIMS);
export type CitationClaim = z.infer<typeof citationClaimSchema>;
