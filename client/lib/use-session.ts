import { useQuery } from '@tanstack/react-query';
import { trpc } from './trpc';

/** Who is logged in and what the role allows; the server checks again on every mutation. */
export function useSession() {
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const user = me.data?.user ?? null;
  return {
    user,
    readAccess: me.data?.readAccess ?? 'public',
    isLoading: me.isLoading,
    canEdit: user?.role === 'planner' || user?.role === 'admin',
    isAdmin: user?.role === 'admin',
  };
}
