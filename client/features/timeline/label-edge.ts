/**
 * Room for the items' labels on the chart: labels moved in from the right edge, and the widths
 * of labels for a fit that leaves room for them (timeline-window.ts).
 */
const EDGE_GAP_PX = 4;

/**
 * Labels that would run off the chart's right edge are moved in until they end at it.
 *
 * vis-timeline keeps the label of a range that starts before the window at the window's left
 * edge, but lets any label run past the right edge, where its panel clips it: the title of a
 * milestone near the end of the window was cut mid-word. Run after every redraw (the
 * timeline's `changed` event): first every measurement, then every move, so that a redraw
 * costs one layout, not one per item.
 */
export function keepLabelsInside(root: HTMLElement): void {
  const panel = root.querySelector<HTMLElement>('.vis-panel.vis-center');
  if (!panel) return;
  const bounds = panel.getBoundingClientRect();
  const contents = [
    ...panel.querySelectorAll<HTMLElement>('.vis-foreground .vis-item:not(.vis-background) .vis-item-content'),
  ];
  const shifts = contents.map((content) => {
    const rect = content.getBoundingClientRect();
    // Where it would be without a shift of ours (style.left, apart from vis-timeline's transform).
    const own = Number.parseFloat(content.style.left) || 0;
    const [left, right] = [rect.left - own, rect.right - own];
    const past = right - (bounds.right - EDGE_GAP_PX);
    // Not further than the chart's left edge: a label wider than the chart starts at that edge.
    return past > 0 && left < bounds.right ? -Math.min(past, Math.max(left - bounds.left, 0)) : 0;
  });
  contents.forEach((content, i) => {
    const left = shifts[i] ? `${shifts[i]}px` : '';
    if (content.style.left !== left) content.style.left = left;
  });
}

/** What a label adds to the right of an item's start, beyond its text: padding, border, a point's dot. */
const RANGE_EXTRA_PX = 4;
const POINT_EXTRA_PX = 18;

/**
 * A measure of the pixels each item and its label reach right of the item's start, read from
 * the chart's own styles (font, padding of an item's content): canvas text metrics, so that
 * items not drawn yet, outside the window, are measured too, without a layout per item.
 */
export function labelMeasure(
  root: HTMLElement,
): (item: { type: string; className: string; content: HTMLElement }) => number {
  const probe = document.createElement('div');
  probe.className = 'vis-item vis-range';
  probe.style.cssText = 'position:absolute;visibility:hidden;left:-10000px;top:0';
  const content = document.createElement('div');
  content.className = 'vis-item-content';
  const label = document.createElement('span');
  label.className = 'timeline-item-label';
  content.append(label);
  probe.append(content);
  root.append(probe);
  const style = getComputedStyle(label);
  const contentStyle = getComputedStyle(content);
  const padding = Number.parseFloat(contentStyle.paddingLeft) + Number.parseFloat(contentStyle.paddingRight) || 0;
  const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  // A slipped milestone's label is bold (styles.css): measured bold, a little wider.
  const bold = `${style.fontStyle} 600 ${style.fontSize} ${style.fontFamily}`;
  probe.remove();
  const context = document.createElement('canvas').getContext('2d');
  return (item) => {
    if (!context || item.type === 'background') return 0;
    context.font = /\bslipped\b/.test(item.className) ? bold : font;
    const text = context.measureText(item.content.textContent ?? '').width;
    return Math.ceil(text + padding + (item.type === 'point' ? POINT_EXTRA_PX : RANGE_EXTRA_PX));
  };
}
