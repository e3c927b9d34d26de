import { z } from 'zod';
import { idSchema } from './milestone';
import { calendarDateSchema } from './precision';

export const historyFilterSchema = z
  .object({
    milestoneId: idSchema.optional(),
    userId: idSchema.optional(),
    field: z.string().trim().max(50).optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    /** The id of the last row of the previous page: rows come newest first. */
    cursor: idSchema.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'errors.dateRange', path: ['to'] });
export type HistoryFilter = z.infer<typeof historyFilterSchema>;
