import { z } from 'zod';
import { accountEventFilterSchema } from '../../shared/account-events';
import { loginNameSchema, passwordSchema, userCreateSchema } from '../../shared/auth';
import { userRoleSchema } from '../../shared/user';
import { listAccountEvents } from '../services/account-events';
import { addUser, listUsers, resetPassword, setUserDisabled, setUserRole } from '../services/users';
import { adminProcedure, router } from '../trpc';

export const userRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  /** The account log: who added, promoted, demoted, disabled or enabled whom, and when. Admins only. */
  events: adminProcedure.input(accountEventFilterSchema).query(({ ctx, input }) => listAccountEvents(ctx.db, input)),
  create: adminProcedure.input(userCreateSchema).mutation(({ ctx, input }) => addUser(ctx.db, ctx.user, input)),
  setRole: adminProcedure
    .input(z.object({ login: loginNameSchema, role: userRoleSchema }))
    .mutation(({ ctx, input }) => setUserRole(ctx.db, ctx.user, input.login, input.role)),
  setDisabled: adminProcedure
    .input(z.object({ login: loginNameSchema, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.user, input.login, input.disabled)),
  resetPassword: adminProcedure
    .input(z.object({ login: loginNameSchema, password: passwordSchema }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input.login, input.password)),
});
