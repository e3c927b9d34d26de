import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUSES, type Status } from '../../../shared/statuses';
import type { TimelineItem } from './timeline-items';

/**
 * A kind of mark the chart can draw, named after the class that draws it (timeline-items.ts,
 * styles.css): the legend explains the marks of its chart and no others.
 */
export type LegendMark = `status-${Status}` | 'approximate' | 'exact' | 'today' | 'slipped' | 'announced' | 'disputed';

/** What a chart of these items draws; `today` when the today line falls inside its window. */
export function marksOf(items: readonly TimelineItem[], today: boolean): Set<LegendMark> {
  const marks = new Set<LegendMark>();
  if (today) marks.add('today');
  for (const item of items) {
    const classes = item.className.split(/\s+/);
    if (classes.includes('baseline-ghost')) {
      marks.add('announced');
      continue;
    }
    if (classes.includes('claim-spread') || classes.includes('disputed')) marks.add('disputed');
    if (item.type === 'background') continue;
    for (const status of STATUSES) if (classes.includes(`status-${status}`)) marks.add(`status-${status}`);
    if (classes.includes('approximate')) marks.add('approximate');
    if (item.type === 'point') marks.add('exact');
    if (classes.includes('slipped')) marks.add('slipped');
  }
  return marks;
}

interface StatusLegendProps {
  /** The marks to explain; without it, every status and kind of date (a key to read the filters by). */
  marks?: ReadonlySet<LegendMark>;
}

export function StatusLegend({ marks }: StatusLegendProps) {
  const { t } = useTranslation();
  const entry = (mark: LegendMark, symbol: ReactNode, label: string) =>
    (!marks || marks.has(mark)) && (
      <li key={mark} data-legend={mark}>
        {symbol}
        {label}
      </li>
    );
  const swatch = (className: string) => <span className={`legend-swatch ${className}`} aria-hidden="true" />;
  const sign = (text: string) => (
    <span className="legend-sign" aria-hidden="true">
      {text}
    </span>
  );
  return (
    <section className="status-legend" aria-label={t('legend.label')}>
      <ul>{STATUSES.map((status) => entry(`status-${status}`, swatch(`status-${status}`), t(`status.${status}`)))}</ul>
      <ul>
        {entry('approximate', swatch('legend-approximate'), t('legend.approximate'))}
        {entry('exact', swatch('legend-exact'), t('legend.exact'))}
        {entry('today', swatch('legend-today'), t('legend.today'))}
        {entry('slipped', sign('⚠'), t('legend.slipped'))}
        {entry('announced', swatch('legend-announced'), t('legend.announced'))}
        {entry(
          'disputed',
          <>
            {swatch('legend-disputed')}
            {sign('⚖')}
          </>,
          t('legend.disputed'),
        )}
      </ul>
    </section>
  );
}
