import { type ChangeEvent, useEffect, useState } from 'react';
import { intervalFor, type Precision } from '../../shared/calendar-date';

interface Period {
  start: string;
  end: string;
  precision: Precision;
}

const within = (day: string, start: string, end: string) => day >= start && day <= end;

/**
 * The props of the date field that sets a period by any day inside it ("2030" is any day of
 * 2030). The field shows the day as typed, which may be any day of the period or a date still
 * being typed, and the period follows once the date is whole. Snapping the field to the
 * period's first day at every keystroke turned a year typed digit by digit into 0031.
 */
export function usePeriodAnchor(period: Period | null, onPeriod: (interval: { start: string; end: string }) => void) {
  const [anchor, setAnchor] = useState(period?.start ?? '');
  const start = period?.start;
  const end = period?.end;
  // A period set from elsewhere (a precision, a proposal, a conflict re-applied): the field follows.
  useEffect(() => {
    if (start !== undefined && end !== undefined) setAnchor((typed) => (within(typed, start, end) ? typed : start));
  }, [start, end]);
  return {
    value: anchor,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const typed = e.target.value;
      setAnchor(typed);
      // A year is typed a digit at a time (0002, 0020, 0203, 2031): not a date before its fourth.
      if (period && /^[1-9]\d{3}-\d{2}-\d{2}$/.test(typed)) onPeriod(intervalFor(period.precision, typed));
    },
    // Left with a day outside the period (or half typed): the field shows the period's first day.
    onBlur: () => {
      if (period && !within(anchor, period.start, period.end)) setAnchor(period.start);
    },
  };
}
