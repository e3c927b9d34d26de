import { useTranslation } from 'react-i18next';

export interface ConflictRow {
  field: string;
  label: string;
  mine: string;
  current: string;
}

/**
 * Another planner saved the milestone first: the claim change is not written. What the planner
 * asked for is set beside how things stand now, with the same words and buttons as the edit
 * form's conflict view, so nothing happens silently and nothing typed is lost.
 */
export function ClaimConflictView({
  rows,
  onReapply,
  onDiscard,
}: {
  rows: ConflictRow[];
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="conflict-view" role="alert" aria-labelledby="claim-conflict-title" data-testid="conflict-view">
      <h4 id="claim-conflict-title">{t('edit.conflictTitle')}</h4>
      <p>{t('edit.conflictText')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('edit.field')}</th>
            <th scope="col">{t('edit.yours')}</th>
            <th scope="col">{t('edit.current')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-field={row.field}>
              <th scope="row">{row.label}</th>
              <td data-testid="conflict-mine">{row.mine}</td>
              <td data-testid="conflict-current">{row.current}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onReapply}>
          {t('edit.reapply')}
        </button>
        <button type="button" onClick={onDiscard}>
          {t('edit.discard')}
        </button>
      </div>
    </section>
  );
}
