import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../features/filters/FilterBar';
import { MilestoneDetails } from '../features/milestone/MilestoneDetails';
import { ParticipantList } from '../features/sources/ParticipantList';
import { SourceList } from '../features/sources/SourceList';
import { MilestoneTable } from '../features/table/MilestoneTable';
import { LanguageSwitch } from './LanguageSwitch';
import { useRoadmapView } from './url-state';
import { ViewTabs } from './ViewTabs';

// vis-timeline is the heaviest part of the client; the table and lists do not wait for it.
const TimelineScreen = lazy(() => import('../features/timeline/TimelineScreen'));

export function App() {
  const { t } = useTranslation();
  const { view, selected, update } = useRoadmapView();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const showFilters = view === 'timeline' || view === 'table';
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
        <LanguageSwitch />
      </header>
      <ViewTabs />
      {showFilters && <FilterBar />}
      <div className={selected === null ? 'workspace' : 'workspace with-details'}>
        <main id="content" tabIndex={-1}>
          {view === 'timeline' && (
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <TimelineScreen />
            </Suspense>
          )}
          {view === 'table' && <MilestoneTable />}
          {view === 'sources' && <SourceList />}
          {view === 'participants' && <ParticipantList />}
        </main>
        {selected !== null && <MilestoneDetails id={selected} onClose={() => update({ selected: null }, 'push')} />}
      </div>
    </div>
  );
}
