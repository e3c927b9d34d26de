import { STATUS_COLORS, STATUSES } from '../../shared/statuses';

/** Status colours live once in shared/statuses.ts; CSS reads them as custom properties. */
export function applyStatusColors(root: HTMLElement = document.documentElement): void {
  for (const status of STATUSES) {
    const c = STATUS_COLORS[status];
    root.style.setProperty(`--status-${status}-bg`, c.background);
    root.style.setProperty(`--status-${status}-border`, c.border);
    root.style.setProperty(`--status-${status}-text`, c.text);
  }
}
