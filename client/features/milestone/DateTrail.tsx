import { useTranslation } from 'react-i18next';
import { formatDay, formatPlannedDate } from '../../../shared/date-label';
import { useLocalized } from '../../lib/localized';
import type { MilestoneDetailsData } from './edit/draft';

/** "2028 (ТАСС, 25 October 2025) → 2029 (Интерфакс, 25 December 2025)": how the date moved and on whose word. */
export function DateTrail({ trail }: { trail: MilestoneDetailsData['dateTrail'] }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  if (trail.length < 2) return null;
  return (
    <section>
      <h3>{t('history.dateTrail')}</h3>
      <ol className="date-trail" data-testid="date-trail">
        {trail.map((step) => (
          <li key={step.at}>
            <strong>
              {step.planned
                ? formatPlannedDate(step.planned.start, step.planned.precision, language)
                : t('dates.undated')}
            </strong>{' '}
            <span className="muted">
              (
              {step.source
                ? [
                    step.source.publisher ?? t('details.publisherUnknown'),
                    step.source.title,
                    step.source.publishedOn ? formatDay(step.source.publishedOn, language) : t('details.dateUnknown'),
                  ].join(', ')
                : formatDay(step.at.slice(0, 10), language)}
              )
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
