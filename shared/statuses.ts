/**
 * Milestone statuses in the order planners read them; colours are used by timeline, table and
 * legend alike. No zod here: the first screen shows statuses without downloading zod (network
 * bench); the schema is in status.ts.
 */
export const STATUSES = ['planned', 'in_progress', 'at_risk', 'delayed', 'done', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

// Chosen for telling apart with common colour blindness (blue / orange axis first, then
// lightness), not for brand, and for a contrast of at least 4.5:1 between text and background
// (WCAG AA for the small text of a badge; axe checks it on every screen: tests/e2e/a11y.spec.ts).
// Amber keeps dark text: darkened enough for white it turns brown and nears the red of delayed.
export const STATUS_COLORS: Record<Status, { background: string; border: string; text: string }> = {
  planned: { background: '#2f6db5', border: '#1d4f8a', text: '#ffffff' },
  in_progress: { background: '#0b7a70', border: '#075750', text: '#ffffff' },
  at_risk: { background: '#c77c02', border: '#8f5900', text: '#1a1a1a' },
  delayed: { background: '#b3261e', border: '#7f1a15', text: '#ffffff' },
  done: { background: '#4b5563', border: '#2f3640', text: '#ffffff' },
  cancelled: { background: '#d4d4d8', border: '#9ca3af', text: '#27272a' },
};
