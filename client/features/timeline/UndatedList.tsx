import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { useLocalized } from '../../lib/localized';
import type { MilestoneListItem } from '../../lib/use-filtered-milestones';

/** Milestones whose sources give no date are listed here rather than dropped from the chart. */
export function UndatedList({ milestones, onOpen }: { milestones: MilestoneListItem[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const { title } = useLocalized();
  return (
    <aside className="undated-list" aria-labelledby="undated-heading" data-testid="undated-list">
      <h2 id="undated-heading">{t('undated.label')}</h2>
      <p className="hint">{t('undated.hint')}</p>
      {milestones.length === 0 ? (
        <p>{t('undated.empty')}</p>
      ) : (
        <ul>
          {milestones.map((m) => (
            <li key={m.id}>
              <button type="button" className="link-button" onClick={() => onOpen(m.id)}>
                {title(m)}
              </button>{' '}
              <StatusBadge status={m.status} />
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
