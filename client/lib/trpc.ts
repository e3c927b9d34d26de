import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import i18next from 'i18next';
import type { AppRouter } from '../../server/routers/_app';
import { takeEarly } from './early-data';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

// The server refuses batches above its limit; stay below it.
// Subscriptions (the live timeline) go over server-sent events; everything else is batched.
// Words the server computes (confidence reasons, slips) come in the screen's language, which
// every request names first in Accept-Language (server/context.ts `languageOf`).
const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpBatchLink({
        url: '/trpc',
        maxItems: 10,
        headers: () => ({ 'Accept-Language': i18next.language === 'en' ? 'en' : 'ru' }),
        // The first screen's batch may already be on its way (early-data.ts).
        fetch: (url, init) => takeEarly(String(url), init as RequestInit) ?? fetch(url, init as RequestInit),
      }),
    }),
  ],
});

/** The one tRPC client of the app: components call `useQuery(trpc.x.y.queryOptions(input))`. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
