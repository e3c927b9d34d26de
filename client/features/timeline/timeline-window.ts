import { DAY_MS } from './timeline-options';

/**
 * Which stretch of time the chart shows: the presets and a fit that leaves room for the labels.
 * Pure arithmetic on milliseconds and pixels, so that it is tested without a browser.
 */

/** Zoom presets: the width of the visible window. */
export const ZOOM_PRESETS = {
  decade: 10 * 365.25 * DAY_MS,
  year: 365.25 * DAY_MS,
  quarter: 91.3 * DAY_MS,
  month: 30.5 * DAY_MS,
} as const;
export type ZoomPreset = keyof typeof ZOOM_PRESETS;

export interface Window {
  start: number;
  end: number;
}

/**
 * The window of a preset. A month of the middle of an arbitrary fit shows an empty month, so
 * the month looks at the selected item or, with none, at today; the wider presets keep the
 * place the reader is looking at unless an item is selected.
 */
export function presetWindow(
  preset: ZoomPreset,
  { current, selected, today }: { current: Window; selected: Window | null; today: number },
): Window {
  const centre = selected
    ? (selected.start + selected.end) / 2
    : preset === 'month'
      ? today
      : (current.start + current.end) / 2;
  const half = ZOOM_PRESETS[preset] / 2;
  return { start: centre - half, end: centre + half };
}

/** From a week before today (the today line stays in sight) to the same day a year on. */
export function nextTwelveMonths(today: Date): Window {
  const end = new Date(today);
  end.setFullYear(end.getFullYear() + 1);
  return { start: today.getTime() - 7 * DAY_MS, end: end.getTime() };
}

export interface LabelledSpan {
  start: number;
  /** Equal to start for a point. */
  end: number;
  /** How far the drawn item and its label reach to the right of `start`, in pixels. */
  labelPx: number;
}

/**
 * A label wider than this share of the chart is not made to fit: the chart would shrink every
 * other item to a sliver for it. Such a label is moved in from the edge instead (label-edge.ts).
 */
const WIDEST_FITTED_LABEL = 0.6;

/**
 * The window in which every item ends, and every label ends, inside a chart `widthPx` wide, with
 * `marginPx` free at both sides. vis-timeline's own fit counts a range's label only as wide as
 * its bar, so the label of the last range ran off the chart.
 *
 * With the window [s, s + D] and s = first − margin·D/W, a time t is drawn (t − s)·W/D pixels
 * from the left; "t plus what it carries ends by W − margin" solves to
 * D ≥ (t − first)·W / (W − 2·margin − carried).
 */
export function windowFitting(spans: LabelledSpan[], widthPx: number, marginPx = 12): Window | null {
  // Too narrow to fit anything with margins (a chart not laid out yet).
  if (!spans.length || widthPx < 10 * marginPx) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    first = Math.min(first, span.start);
    last = Math.max(last, span.end);
  }
  let duration = Math.max(last - first, DAY_MS);
  for (const span of spans) {
    const label = Math.min(span.labelPx, widthPx * WIDEST_FITTED_LABEL);
    const byEnd = ((span.end - first) * widthPx) / (widthPx - 2 * marginPx);
    const byLabel = ((span.start - first) * widthPx) / (widthPx - 2 * marginPx - label);
    duration = Math.max(duration, byEnd, byLabel);
  }
  const start = first - (marginPx * duration) / widthPx;
  return { start, end: start + duration };
}
