import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef } from 'react';
import { invalidateAccount, invalidateRoadmap } from '../lib/invalidation';
import { trpc } from '../lib/trpc';
import { useSession } from '../lib/use-session';

/**
 * Another planner's save reaches every open screen within moments, without a reload; so does a
 * change to this page's own account (an admin demoted or disabled its user): the session is
 * refetched and the controls the role no longer allows go.
 */
export function useLiveUpdates() {
  const live = useSubscription(
    trpc.milestone.onChange.subscriptionOptions(undefined, {
      onData: (change) => {
        if (change.account) void invalidateAccount();
        // The same list a save on this screen refreshes: it used to leave out the participants.
        else void invalidateRoadmap();
      },
    }),
  );
  // The server knows whose stream it is from the session the stream was opened with: after a
  // login or a logout on this page, it is opened again as the user now signed in.
  // Until the session is known (undefined) nothing changed: the first stream carried the cookie.
  const { user, isLoading } = useSession();
  const userId = isLoading ? undefined : (user?.id ?? null);
  const streamUser = useRef<number | null | undefined>(undefined);
  const { reset } = live;
  useEffect(() => {
    if (userId === undefined) return;
    const before = streamUser.current;
    streamUser.current = userId;
    if (before !== undefined && before !== userId) reset();
  }, [userId, reset]);
}
