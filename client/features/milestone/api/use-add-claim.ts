import { useMutation } from '@tanstack/react-query';
import { errorCode } from '../../../lib/error-message';
import { invalidateMilestone, invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.claim.add.mutationOptions>[0];

/**
 * Adds a source's claim to milestone `id` (it proposes; making it current is another step).
 * On success the roadmap is refetched before the caller's onSuccess runs; on a version conflict
 * the milestone is refetched, so the form can show what changed.
 */
export function useAddClaim(id: number, { onSuccess, onError, ...options }: Options = {}) {
  return useMutation(
    trpc.claim.add.mutationOptions({
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
