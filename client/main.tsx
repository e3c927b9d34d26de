import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FIRST_SCREEN_BATCH } from './lib/early-data';
import { startMessages } from './lib/i18n';
import { applyStatusColors } from './lib/status-colors';
import { queryClient, trpc } from './lib/trpc';
import { loadFilterCheck, parseView, waitsForFilterCheck } from './lib/url-state';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

applyStatusColors();

/**
 * The roadmap, the session and the reference lists are asked for now, in one batch, rather than
 * once the timeline's code has arrived and run: on a slow link that is a round trip and more
 * sooner. In early-data.ts's order, so that a plain visit takes the answer it already asked for.
 */
function prefetchFirstScreen(): void {
  const { view, filter } = parseView(window.location.search);
  if (view !== 'timeline' && view !== 'table') return;
  const first = {
    'milestone.list': trpc.milestone.list.queryOptions(filter),
    'auth.me': trpc.auth.me.queryOptions(),
    'workstream.list': trpc.workstream.list.queryOptions(),
    'region.list': trpc.region.list.queryOptions(),
    'participant.list': trpc.participant.list.queryOptions(),
  };
  for (const path of FIRST_SCREEN_BATCH) void queryClient.prefetchQuery(first[path] as never);
}

function render(element: HTMLElement): void {
  createRoot(element).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// A plain visit in Russian draws with what this entry brought. A link with filters first loads
// their check (zod, url-state.ts), and English its messages (i18n.ts). Not a top-level await:
// the bundler would then keep every module a lazy chunk shares with this entry out of it (the
// chunk could not wait on an entry that waits on it), in many small chunks.
const filterCheck = waitsForFilterCheck(window.location.search) ? loadFilterCheck() : null;
if (filterCheck) void filterCheck.then(prefetchFirstScreen);
else prefetchFirstScreen();
void Promise.all([filterCheck, startMessages]).then(() => render(root));
