import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './lib/i18n';
import { applyStatusColors } from './lib/status-colors';
import { queryClient, trpc } from './lib/trpc';
import { parseView } from './lib/url-state';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

applyStatusColors();
// The roadmap is asked for now, beside the session and the reference lists, rather than once
// the timeline's code has arrived and run: on a slow link that is a round trip and more sooner.
const { view, filter } = parseView(window.location.search);
if (view === 'timeline' || view === 'table') void queryClient.prefetchQuery(trpc.milestone.list.queryOptions(filter));
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
