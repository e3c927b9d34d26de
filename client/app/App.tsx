import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../features/auth/AccountMenu';
import { MilestoneCsvActions } from '../features/csv/MilestoneCsvActions';
import { FilterBar } from '../features/filters/FilterBar';
import type { Draft } from '../features/milestone/edit/draft';
import { useRoadmapView } from '../lib/url-state';
import { useSession } from '../lib/use-session';
import { LanguageSwitch } from './LanguageSwitch';
import { useLanguageRefetch } from './use-language-refetch';
import { useLiveUpdates } from './use-live-updates';
import { ViewTabs } from './ViewTabs';

// vis-timeline is the heaviest part of the client; the table and lists do not wait for it.
const TimelineScreen = lazy(() => import('../features/timeline/TimelineScreen'));
// Screens most visitors never open load on demand, so the first paint stays small.
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })),
);
const MovesScreen = lazy(() => import('../features/moves/MovesScreen').then((m) => ({ default: m.MovesScreen })));
const IntakeScreen = lazy(() => import('../features/intake/IntakeScreen').then((m) => ({ default: m.IntakeScreen })));
const UserAdmin = lazy(() => import('../features/users/UserAdmin').then((m) => ({ default: m.UserAdmin })));
// The table, the lists and the details are not on the way to the first screen (the timeline):
// loaded when opened, they leave the entry chunk small for a slow regional link (bench: network).
const MilestoneTable = lazy(() =>
  import('../features/table/MilestoneTable').then((m) => ({ default: m.MilestoneTable })),
);
const SourceList = lazy(() => import('../features/sources/SourceList').then((m) => ({ default: m.SourceList })));
const ParticipantList = lazy(() =>
  import('../features/sources/ParticipantList').then((m) => ({ default: m.ParticipantList })),
);
const MilestoneDetails = lazy(() =>
  import('../features/milestone/MilestoneDetails').then((m) => ({ default: m.MilestoneDetails })),
);
const MilestoneCreateForm = lazy(() =>
  import('../features/milestone/edit/MilestoneCreateForm').then((m) => ({ default: m.MilestoneCreateForm })),
);

export function App() {
  const { t } = useTranslation();
  const { view, selected, update } = useRoadmapView();
  const { canEdit, isAdmin, user, readAccess, isLoading } = useSession();
  const [creating, setCreating] = useState(false);
  // A drag on the timeline proposes a new date; the change form in the details panel takes it.
  const [proposal, setProposal] = useState<{ milestoneId: number; values: Partial<Draft> } | null>(null);
  const [timelineReset, setTimelineReset] = useState(0);
  useLiveUpdates();
  useLanguageRefetch();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const showFilters = view === 'timeline' || view === 'table';
  // With READ_ACCESS=login the server refuses every read before login; say so instead of failing.
  const mustLogIn = !isLoading && readAccess === 'login' && !user;
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="app-subtitle">{t('app.subtitle')}</p>
        </div>
        <div className="header-tools">
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </header>
      <div className="toolbar-row">
        <ViewTabs />
        {canEdit && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('edit.newMilestone')}
          </button>
        )}
      </div>
      {mustLogIn && <p role="alert">{t('auth.loginRequiredToRead')}</p>}
      {!mustLogIn && showFilters && <FilterBar />}
      {!mustLogIn && (
        <div className={selected === null && !creating ? 'workspace' : 'workspace with-details'}>
          <main id="content" tabIndex={-1}>
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              {view === 'timeline' && (
                <TimelineScreen
                  resetKey={timelineReset}
                  actions={<MilestoneCsvActions />}
                  onReschedule={(milestoneId, planned) => {
                    setProposal({ milestoneId, values: { planned } });
                    update({ selected: milestoneId }, 'push');
                  }}
                />
              )}
              {view === 'table' && <MilestoneTable actions={<MilestoneCsvActions />} />}
              {view === 'sources' && <SourceList />}
              {view === 'participants' && <ParticipantList />}
              {view === 'history' && <HistoryScreen />}
              {view === 'moves' && <MovesScreen />}
              {view === 'intake' && canEdit && <IntakeScreen />}
              {view === 'users' && isAdmin && <UserAdmin />}
            </Suspense>
          </main>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            {creating && (
              <MilestoneCreateForm
                onClose={(createdId) => {
                  setCreating(false);
                  if (createdId !== null) update({ selected: createdId }, 'push');
                }}
              />
            )}
            {!creating && selected !== null && (
              <MilestoneDetails
                id={selected}
                onClose={() => {
                  update({ selected: null }, 'push');
                  // Closed without saving: a bar dragged for the change form goes back to its date.
                  if (proposal) {
                    setProposal(null);
                    setTimelineReset((n) => n + 1);
                  }
                }}
                proposal={proposal?.milestoneId === selected ? proposal.values : null}
                onProposalClosed={(saved) => {
                  setProposal(null);
                  // Cancelled: the dragged item goes back to the date it has.
                  if (!saved) setTimelineReset((n) => n + 1);
                }}
              />
            )}
          </Suspense>
        </div>
      )}
    </div>
  );
}
