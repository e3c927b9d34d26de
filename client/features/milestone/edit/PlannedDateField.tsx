import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { intervalFor, PRECISIONS, type Precision } from '../../../../shared/calendar-date';
import { formatPlannedDate } from '../../../../shared/date-label';
import type { PlannedDate } from '../../../../shared/precision';
import { useLocalized } from '../../../lib/localized';
import { usePeriodAnchor } from '../../../lib/period-anchor';

/** A planned date is a precision plus any day inside the period: "2030" is any day of 2030. */
export function PlannedDateField({
  value,
  onChange,
  error,
  legend,
  children,
}: {
  value: PlannedDate | null;
  onChange: (value: PlannedDate | null) => void;
  error?: string;
  /** What the date is; the milestone's planned date unless said. */
  legend?: string;
  /** More about the same date (a claim's qualifier), inside the group. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const id = useId();
  const setPrecision = (precision: Precision | '') => {
    if (!precision) return onChange(null);
    const anchor = value?.start ?? new Date().toISOString().slice(0, 10);
    onChange({ ...intervalFor(precision, anchor), precision });
  };
  const anchorField = usePeriodAnchor(
    value,
    (interval) => value && onChange({ ...interval, precision: value.precision }),
  );
  return (
    <fieldset className="form-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend ?? t('edit.planned')}</legend>
      <label>
        {t('edit.precision')}
        <select
          name="plannedPrecision"
          data-error-key="planned"
          value={value?.precision ?? ''}
          onChange={(e) => setPrecision(e.target.value as Precision | '')}
        >
          <option value="">{t('edit.plannedNone')}</option>
          {PRECISIONS.map((p) => (
            <option key={p} value={p}>
              {t(`precision.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {value && (
        <label>
          {t('edit.anchor')}
          <input type="date" name="plannedAnchor" data-error-key="planned" {...anchorField} />
        </label>
      )}
      {children}
      {value && (
        <output className="muted" data-testid="planned-preview">
          {formatPlannedDate(value.start, value.precision, language)} ({value.start} … {value.end})
        </output>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
