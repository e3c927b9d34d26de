import { useCallback, useState } from 'react';

/**
 * How much of the chart's width the lane names may take: a width in rem (long names wrap
 * within it; the full name is on hover) or hidden altogether. Kept in this browser, since it
 * is a matter of the reader's screen, not of what a shared link shows.
 */
export interface LaneLabels {
  widthRem: number;
  hidden: boolean;
}

export const LANE_LABEL_WIDTH = { min: 5, max: 25, default: 10 } as const;
const STORAGE_KEY = 'roadmap.laneLabels';

function read(): LaneLabels {
  const fallback = { widthRem: LANE_LABEL_WIDTH.default, hidden: false };
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<LaneLabels> | null;
    if (!stored || typeof stored !== 'object') return fallback;
    const width = Number(stored.widthRem);
    return {
      widthRem:
        Number.isFinite(width) && width >= LANE_LABEL_WIDTH.min && width <= LANE_LABEL_WIDTH.max
          ? Math.round(width)
          : fallback.widthRem,
      hidden: stored.hidden === true,
    };
  } catch {
    // A value from an older version or a hand edit: start from the default.
    return fallback;
  }
}

export function useLaneLabels(): [LaneLabels, (change: Partial<LaneLabels>) => void] {
  const [value, setValue] = useState(read);
  const change = useCallback((next: Partial<LaneLabels>) => {
    setValue((previous) => {
      const merged = { ...previous, ...next };
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(merged));
      } catch {
        // Storage refused (private mode, quota): the choice holds for this page only.
      }
      return merged;
    });
  }, []);
  return [value, change];
}
