/** Room for the chart on a page, in CSS pixels: the first page's is what the title leaves. */
export interface PageRoom {
  first: number;
  other: number;
}

/**
 * Lanes (by index, in order) grouped into parts that each fit a page, every part drawn with its
 * own axes (`overhead`, the chart's height without lanes). A lane taller than a page is a part
 * of its own: it can only be cut.
 */
export function lanesByPage(laneHeights: readonly number[], overhead: number, room: PageRoom): number[][] {
  const parts: number[][] = [];
  let part: number[] = [];
  let used = overhead;
  let available = room.first;
  laneHeights.forEach((height, lane) => {
    if (part.length > 0 && used + height > available) {
      parts.push(part);
      part = [];
      used = overhead;
      available = room.other;
    }
    part.push(lane);
    used += height;
  });
  if (part.length > 0) parts.push(part);
  return parts;
}
