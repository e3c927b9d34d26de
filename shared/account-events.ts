import { z } from 'zod';
import { idSchema } from './milestone';

/**
 * What happens to an account, as the admins' account log records it (server/services/
 * account-events.ts). Kept out of the public roadmap history: who was blocked or had a password
 * reset is the office's business, not the roadmap's (docs/decisions/0010-account-log.md).
 */
export const ACCOUNT_EVENT_ACTIONS = ['added', 'role_changed', 'disabled', 'enabled', 'password_reset'] as const;
export type AccountEventAction = (typeof ACCOUNT_EVENT_ACTIONS)[number];

export const accountEventFilterSchema = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  /** The id of the last row of the previous page: rows come newest first. */
  cursor: idSchema.optional(),
});
export type AccountEventFilter = z.infer<typeof accountEventFilterSchema>;
