import { useSubscription } from '@trpc/tanstack-react-query';
import { queryClient, trpc } from '../lib/trpc';

/** Another planner's save reaches every open screen within moments, without a reload. */
export function useLiveUpdates() {
  useSubscription(
    trpc.milestone.onChange.subscriptionOptions(undefined, {
      onData: () => {
        void queryClient.invalidateQueries(trpc.milestone.pathFilter());
        void queryClient.invalidateQueries(trpc.history.pathFilter());
        void queryClient.invalidateQueries(trpc.source.pathFilter());
      },
    }),
  );
}
