import { useMutation } from '@tanstack/react-query';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.intake.discard.mutationOptions>[0];

/** Deletes a draft and its text; the roadmap is untouched, so nothing is refetched. */
export function useDiscardDraft(options: Options = {}) {
  return useMutation(trpc.intake.discard.mutationOptions(options));
}
