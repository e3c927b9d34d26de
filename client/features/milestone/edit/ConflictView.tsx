import { useTranslation } from 'react-i18next';
import { displayValue } from '../../../lib/field-value';
import { useLocalized } from '../../../lib/localized';
import type { useNames } from '../../../lib/reference-data';
import type { Draft } from './draft';

/**
 * Shown when another planner saved first: the planner's own values beside the current ones,
 * so nothing is overwritten silently and nothing typed is lost.
 */
export function ConflictView({
  mine,
  current,
  names,
  onReapply,
  onDiscard,
}: {
  mine: Partial<Draft>;
  current: Draft;
  names: ReturnType<typeof useNames>;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const show = (field: string, value: unknown) => displayValue(field, value, t, language, names);
  return (
    <section className="conflict-view" role="alert" aria-labelledby="conflict-title" data-testid="conflict-view">
      <h3 id="conflict-title">{t('edit.conflictTitle')}</h3>
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
          {(Object.keys(mine) as (keyof Draft)[]).map((field) => (
            <tr key={field} data-field={field}>
              <th scope="row">{t(`history.fields.${field}`)}</th>
              <td data-testid="conflict-mine">{show(field, mine[field])}</td>
              <td data-testid="conflict-current">{show(field, current[field])}</td>
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
