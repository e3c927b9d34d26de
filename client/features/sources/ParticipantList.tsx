import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../lib/localized';
import { useReferenceData } from '../../lib/reference-data';
import { useRoadmapView } from '../../lib/url-state';

export function ParticipantList() {
  const { t } = useTranslation();
  const { name } = useLocalized();
  const { update } = useRoadmapView();
  const { participants, isLoading } = useReferenceData();
  if (isLoading) return <p className="loading">{t('app.loading')}</p>;
  return (
    <table className="data-table" data-testid="participant-table">
      <caption>{t('participants.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('participants.name')}</th>
          <th scope="col">{t('participants.kind')}</th>
          <th scope="col">{t('participants.roles')}</th>
        </tr>
      </thead>
      <tbody>
        {participants.map((p) => (
          <tr key={p.id}>
            <th scope="row">{name(p)}</th>
            <td>{t(`kind.${p.kind}`)}</td>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => update({ view: 'table', filter: { participant: [p.id] } }, 'push')}
              >
                {[...new Set(p.roles.map((r) => t(`role.${r.role}`)))].join(', ')} ({p.roles.length})
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
