import { useMutation } from '@tanstack/react-query';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.intake.analyze.mutationOptions>[0];

/** Sends a pasted article to the analyser; the draft it makes changes nothing in the roadmap. */
export function useAnalyzeArticle(options: Options = {}) {
  return useMutation(trpc.intake.analyze.mutationOptions(options));
}
