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

/** The early answer if `url` is the batch it asked for, in the same language; once. */
export function takeEarly(url: string, init?: RequestInit): Promise<Response> | null {
  const holder = globalThis as { __roadmapEarly?: Early | null };
  const early = holder.__roadmapEarly;
  if (!early || (init?.method ?? 'GET') !== 'GET') return null;
  if (new URL(url, window.location.href).href !== new URL(early.url, window.location.href).href) return null;
  if (acceptLanguageOf(init) !== early.language) return null;
  holder.__roadmapEarly = null;
  return early.response;
}
