import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intervalFor, PRECISIONS, type Precision } from '../../../../shared/calendar-date';
import { formatPlannedDate } from '../../../../shared/date-label';
import type { PlannedDate } from '../../../../shared/precision';
import { useLocalized } from '../../../lib/localized';

const within = (day: string, start: string, end: string) => day >= start && day <= end;

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
  // The day the planner typed, which may be any day of the period, or a date still being typed:
  // the field shows it as typed, and the period follows once it is a whole date. Snapping the
  // field to the period's first day at every keystroke turned a year typed digit by digit into
  // 0031.
  const [anchor, setAnchorText] = useState(value?.start ?? '');
  const start = value?.start;
  const end = value?.end;
  // A period set from elsewhere (a precision, a proposal, a conflict re-applied): the field follows.
  useEffect(() => {
    if (start !== undefined && end !== undefined) setAnchorText((typed) => (within(typed, start, end) ? typed : start));
  }, [start, end]);
  const setAnchor = (typed: string) => {
    setAnchorText(typed);
    // A year is typed a digit at a time (0002, 0020, 0203, 2031): not a date before its fourth.
    if (!value || !/^[1-9]\d{3}-\d{2}-\d{2}$/.test(typed)) return;
    onChange({ ...intervalFor(value.precision, typed), precision: value.precision });
  };
  return (
    <fieldset className="form-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend ?? t('edit.planned')}</legend>
      <label>
        {t('edit.precision')}
        <select
          name="plannedPrecision"
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
          <input
            type="date"
            name="plannedAnchor"
            data-error-key="planned"
            value={anchor}
            onChange={(e) => setAnchor(e.target.value)}
            onBlur={() => {
              if (value && !within(anchor, value.start, value.end)) setAnchorText(value.start);
            }}
          />
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
