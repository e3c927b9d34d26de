import { useTranslation } from 'react-i18next';
import { useRoadmapView, VIEWS } from './url-state';

export function ViewTabs() {
  const { t } = useTranslation();
  const { view, update } = useRoadmapView();
  return (
    <nav className="view-tabs" aria-label={t('views.label')}>
      {VIEWS.map((v) => (
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
