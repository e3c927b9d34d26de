import { useTranslation } from 'react-i18next';
import { useRoadmapView, VIEWS } from '../lib/url-state';
import { useSession } from '../lib/use-session';

export function ViewTabs() {
  const { t } = useTranslation();
  const { view, update } = useRoadmapView();
  const { isAdmin, canEdit } = useSession();
  return (
    <nav className="view-tabs" aria-label={t('views.label')}>
      {VIEWS.filter((v) => (v !== 'users' || isAdmin) && (v !== 'intake' || canEdit)).map((v) => (
        <button
          key={v}
          type="button"
          aria-current={view === v ? 'page' : undefined}
          onClick={() => update({ view: v }, 'push')}
        >
          {t(`views.${v}`)}
        </button>
      ))}
    </nav>
  );
}
