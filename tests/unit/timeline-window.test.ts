import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../client/features/timeline/timeline-options';
import {
  type LabelledSpan,
  nextTwelveMonths,
  presetWindow,
  windowFitting,
  ZOOM_PRESETS,
} from '../../client/features/timeline/timeline-window';

const YEAR = 365.25 * DAY_MS;
const T0 = Date.UTC(2028, 0, 1);

/** Where a time is drawn, in pixels from the chart's left edge, for a window and a chart width. */
function px(t: number, window: { start: number; end: number }, width: number): number {
  return ((t - window.start) * width) / (window.end - window.start);
}

describe('windowFitting', () => {
  const width = 1000;
  const margin = 12;

  it.each<[string, LabelledSpan[]]>([
    [
      'ranges whose labels fit their bars',
      [
        { start: T0, end: T0 + YEAR, labelPx: 40 },
        { start: T0 + 4 * YEAR, end: T0 + 5 * YEAR, labelPx: 40 },
      ],
    ],
    [
      'a last range with a label far wider than its bar',
      [
        { start: T0, end: T0 + YEAR, labelPx: 40 },
        { start: T0 + 4 * YEAR, end: T0 + 5 * YEAR, labelPx: 450 },
      ],
    ],
    [
      'a point at the end with a label',
      [
        { start: T0, end: T0 + YEAR, labelPx: 40 },
        { start: T0 + 3 * YEAR, end: T0 + 3 * YEAR, labelPx: 300 },
      ],
    ],
    [
      'a wide label in the middle, not on the last item',
      [
        { start: T0, end: T0 + YEAR, labelPx: 40 },
        { start: T0 + 2 * YEAR, end: T0 + 3 * YEAR, labelPx: 590 },
        { start: T0 + 4 * YEAR, end: T0 + 5 * YEAR, labelPx: 10 },
      ],
    ],
  ])('%s: every item and its label end inside the chart, the first starts at the margin', (_, spans) => {
    const window = windowFitting(spans, width, margin);
    expect(window).not.toBeNull();
    for (const span of spans) {
      expect(px(span.end, window!, width)).toBeLessThanOrEqual(width - margin + 1e-6);
      expect(px(span.start, window!, width) + span.labelPx).toBeLessThanOrEqual(width - margin + 1e-6);
      expect(px(span.start, window!, width)).toBeGreaterThanOrEqual(margin - 1e-6);
    }
    // Tight: some item touches the right margin (no room wasted).
    const rightmost = Math.max(
      ...spans.map((s) => Math.max(px(s.end, window!, width), px(s.start, window!, width) + s.labelPx)),
    );
    expect(rightmost).toBeCloseTo(width - margin, 3);
  });

  it('does not shrink the chart for a label wider than 60% of it: that one is moved in at the edge instead', () => {
    const spans = [
      { start: T0, end: T0 + YEAR, labelPx: 10 },
      { start: T0 + 4 * YEAR, end: T0 + 5 * YEAR, labelPx: 5000 },
    ];
    const window = windowFitting(spans, width, margin)!;
    expect(px(T0 + 4 * YEAR, window, width)).toBeCloseTo(width - margin - 0.6 * width, 3);
  });

  it('gives nothing for no items or a chart not laid out yet', () => {
    expect(windowFitting([], width)).toBeNull();
    expect(windowFitting([{ start: T0, end: T0, labelPx: 0 }], 50)).toBeNull();
  });
});

describe('presetWindow', () => {
  const current = { start: T0, end: T0 + 6 * YEAR };
  const today = Date.UTC(2026, 11, 1);
  const selected = { start: Date.UTC(2030, 0, 1), end: Date.UTC(2031, 0, 1) };

  it.each([
    ['month', null, today],
    ['month', selected, (selected.start + selected.end) / 2],
    ['year', null, (current.start + current.end) / 2],
    ['decade', selected, (selected.start + selected.end) / 2],
  ] as const)('%s with selection %o centres on %d', (preset, chosen, centre) => {
    const window = presetWindow(preset, { current, selected: chosen, today });
    expect((window.start + window.end) / 2).toBeCloseTo(centre, 0);
    expect(window.end - window.start).toBeCloseTo(ZOOM_PRESETS[preset], 0);
  });
});

describe('nextTwelveMonths', () => {
  it('runs from a week before today to the same day a year on', () => {
    const today = new Date(2026, 11, 1, 15, 30);
    const window = nextTwelveMonths(today);
    expect(window.start).toBe(today.getTime() - 7 * DAY_MS);
    expect(window.end).toBe(new Date(2027, 11, 1, 15, 30).getTime());
  });
});
