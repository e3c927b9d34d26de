import { z } from 'zod';
import { confidenceLevelSchema } from './claim-enums';
import { calendarDateSchema } from './precision';
import { statusSchema } from './status';

/** Ids are 32-bit on PostgreSQL: a larger one is no id of ours, refused as bad input rather than a 500. */
export const MAX_ID = 2_147_483_647;
/**
 * An id is picked from a list, never typed: whatever is wrong with it (none picked, so 0 or
 * nothing; not a number; no such row) the user reads "choose a value from the list".
 */
export const idSchema = z.coerce.number({ error: 'errors.invalidChoice' }).int().positive().max(MAX_ID);

/**
 * The filters of the timeline, the table and the CSV export. One schema so that the URL the
 * user shares, the tRPC input and the export query mean the same thing.
 */
export const milestoneFilterSchema = z
  .object({
    status: z.array(statusSchema).max(20).optional(),
    workstream: z.array(idSchema).max(100).optional(),
    participant: z.array(idSchema).max(200).optional(),
    region: z.array(idSchema).max(100).optional(),
    q: z.string().trim().max(200).optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    /** Only these milestones (a track-record figure opens the list behind it). */
    ids: z.array(idSchema).max(1000).optional(),
    /** Only milestones whose live sources disagree on the date. */
    disagree: z.boolean().optional(),
    confidence: z.array(confidenceLevelSchema).max(3).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'errors.dateRange', path: ['to'] });
export type MilestoneFilter = z.infer<typeof milestoneFilterSchema>;

export const milestoneByIdSchema = z.object({ id: idSchema });
