import { useMutation } from '@tanstack/react-query';
import { errorCode } from '../../../lib/error-message';
import { invalidateMilestone, invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.claim.setRank.mutationOptions>[0];

/**
 * Changes what counts among milestone `id`'s claims (make current, supersede, reconsider). Making
 * a claim current moves the milestone's date or status, so the whole roadmap is refetched.
 */
export function useSetClaimRank(id: number, { onSuccess, onError, ...options }: Options = {}) {
  return useMutation(
    trpc.claim.setRank.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
      onError: (...args) => {
        onError?.(...args);
        if (errorCode(args[0]) === 'CONFLICT') void invalidateMilestone(id);
      },
    }),
  );
}
