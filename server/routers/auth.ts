import { loginSchema } from '../../shared/auth';
import { logIn, logOut } from '../services/auth';
import { publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginSchema).mutation(({ ctx, input }) => logIn(ctx, input)),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await logOut(ctx);
    return { ok: true };
  }),
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user, readAccess: ctx.readAccess })),
});
