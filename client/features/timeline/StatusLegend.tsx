import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../shared/status';

export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <section className="status-legend" aria-label={t('legend.label')}>
      <ul>
        {STATUSES.map((status) => (
          <li key={status}>
            <span className={`legend-swatch status-${status}`} aria-hidden="true" />
            {t(`status.${status}`)}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <span className="legend-swatch legend-approximate" aria-hidden="true" />
          {t('legend.approximate')}
        </li>
        <li>
          <span className="legend-swatch legend-exact" aria-hidden="true" />
          {t('legend.exact')}
        </li>
        <li>
          <span className="legend-swatch legend-today" aria-hidden="true" />
          {t('legend.today')}
        </li>
      </ul>
    </section>
  );
}
