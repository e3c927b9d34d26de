import { useSubscription } from '@trpc/tanstack-react-query';
import { invalidateRoadmap } from '../lib/invalidation';
import { trpc } from '../lib/trpc';

/** Another planner's save reaches every open screen within moments, without a reload. */
export function useLiveUpdates() {
  useSubscription(
    trpc.milestone.onChange.subscriptionOptions(undefined, {
      // The same list a save on this screen refreshes: it used to leave out the participants.
      onData: () => void invalidateRoadmap(),
    }),
  );
}
