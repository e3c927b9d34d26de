import { z } from 'zod';
import { STATUSES } from './statuses';

/** The status schema; the statuses and their colours are in statuses.ts, which has no zod. */
export { STATUS_COLORS, STATUSES, type Status } from './statuses';

export const statusSchema = z.enum(STATUSES);
