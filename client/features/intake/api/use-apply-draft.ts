import { useMutation } from '@tanstack/react-query';
import { errorCode } from '../../../lib/error-message';
import { invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.intake.applyDraft.mutationOptions>[0];

/**
 * Writes the accepted proposals of a draft. On success the roadmap is refetched before the
 * caller's onSuccess runs (the milestones it links to are then on screen as they are now); on
 * a stale milestone too, so the proposal in conflict can show the milestone as it is now.
 */
export function useApplyDraft({ onSuccess, onError, ...options }: Options = {}) {
  return useMutation(
    trpc.intake.applyDraft.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
      onError: (...args) => {
        onError?.(...args);
        if (errorCode(args[0]) === 'CONFLICT') void invalidateRoadmap();
      },
    }),
  );
}
