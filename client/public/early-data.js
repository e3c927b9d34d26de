// The first screen's data, asked for while the app's code is still on its way: on a 1.6 Mbit/s
// link with 150 ms round trips the roadmap then arrives with the code, not a round trip after
// it ran. A classic script loaded `async`, outside the bundle, so it runs the moment it arrives;
// client/lib/early-data.ts hands the answer to the tRPC client when that asks for exactly this
// batch in this language (the URL below is the one main.tsx's prefetch makes httpBatchLink write).
// Only a plain visit (no query string) is asked for early: a link with filters names another batch.
(() => {
  // null: the app has already made its first read (early-data.ts), so this script came too late.
  if (globalThis.__roadmapEarly === null) return;
  if (location.search !== '' || location.pathname !== '/') return;
  let language = 'ru';
  try {
    if (localStorage.getItem('roadmap.language') === 'en') language = 'en';
  } catch {
    // Private mode: Russian, as client/lib/i18n.ts decides too.
  }
  const url = `/trpc/milestone.list,auth.me,workstream.list,region.list,participant.list?batch=1&input=${encodeURIComponent('{"0":{}}')}`;
  const response = fetch(url, { headers: { 'Accept-Language': language } });
  // A failure is the tRPC client's to report when it takes this answer, not an unhandled rejection.
  response.catch(() => {});
  globalThis.__roadmapEarly = { url, language, response };
})();
