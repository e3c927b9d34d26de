import { z } from 'zod';

/** Milestone statuses in the order planners read them; colours are used by timeline, table and legend alike. */
export const STATUSES = ['planned', 'in_progress', 'at_risk', 'delayed', 'done', 'cancelled'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

// Chosen for contrast against white text and for telling apart with common colour blindness
// (blue / orange axis first, then lightness), not for brand.
export const STATUS_COLORS: Record<Status, { background: string; border: string; text: string }> = {
  planned: { background: '#2f6db5', border: '#1d4f8a', text: '#ffffff' },
  in_progress: { background: '#0f8a7e', border: '#0a635a', text: '#ffffff' },
  at_risk: { background: '#c77c02', border: '#8f5900', text: '#ffffff' },
  delayed: { background: '#b3261e', border: '#7f1a15', text: '#ffffff' },
  done: { background: '#4b5563', border: '#2f3640', text: '#ffffff' },
  cancelled: { background: '#d4d4d8', border: '#9ca3af', text: '#27272a' },
};
