import { describe, expect, it } from 'vitest';
import { STATUS_COLORS, STATUSES } from '../../shared/status';

/**
 * Every status colour, seeded or not, keeps its text readable: WCAG's contrast of at least 4.5:1
 * for the badge's small text. axe checks the statuses the seeded screens show
 * (tests/e2e/a11y.spec.ts); this checks all of them, "at risk" included, which no seed has.
 */

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('status colours', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(STATUSES)('%s: text on its background reaches 4.5:1', (status) => {
    const { background, text } = STATUS_COLORS[status];
    expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
  });
});
