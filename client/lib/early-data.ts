/**
 * The first screen's batch, asked for by client/public/early-data.js before the app's code has
 * arrived. main.tsx prefetches these in this order, so httpBatchLink writes the URL that script
 * asked for; the e2e test tests/e2e/bytes.spec.ts fails if the two drift apart (the roadmap
 * would then be fetched twice).
 */
export const FIRST_SCREEN_BATCH = [
  'milestone.list',
  'auth.me',
  'workstream.list',
  'region.list',
  'participant.list',
] as const;

interface Early {
  url: string;
  language: string;
  response: Promise<Response>;
}

function acceptLanguageOf(init: RequestInit | undefined): string | null {
  return new Headers(init?.headers).get('accept-language');
}

/**
 * The early answer if `url` is the batch it asked for, in the same language. It is good for the
 * app's first read only: that read closes the window, taken or not, and leaves `null` behind so
 * that an early-data.js arriving after the bundle (both load in parallel) asks for nothing. An
 * answer kept past the first read would be handed to a later refetch of the same batch, say the
 * one after a login, and show the page as it was before it.
 */
export function takeEarly(url: string, init?: RequestInit): Promise<Response> | null {
  if ((init?.method ?? 'GET') !== 'GET') return null;
  const holder = globalThis as { __roadmapEarly?: Early | null };
  const early = holder.__roadmapEarly;
  holder.__roadmapEarly = null;
  if (!early) return null;
  if (new URL(url, window.location.href).href !== new URL(early.url, window.location.href).href) return null;
  if (acceptLanguageOf(init) !== early.language) return null;
  return early.response;
}
