import { z } from 'zod';

export const USER_ROLES = ['viewer', 'planner', 'admin'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

/** The signed-in person a request acts as. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: UserRole;
}
