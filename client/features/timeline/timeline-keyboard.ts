import type { DataSet } from 'vis-data/esnext';
import type { Timeline, TimelineAnimationOptions } from 'vis-timeline/esnext';
import type { TimelineGroup, TimelineItem } from './timeline-items';
import './timeline-keyboard.css';

/**
 * Keyboard access to the chart, which vis-timeline does not have: Tab reaches the chart, the
 * arrow keys go from item to item (left and right in time within a lane, up and down to the
 * nearest item in the lane above or below), Home and End to a lane's first and last, Enter or
 * Space opens the details, and when the details close focus comes back to the item.
 *
 * A roving focus over the items' own DOM nodes, each a button named by its tooltip's words
 * (title, date, status and the rest). vis-timeline draws only the items in the visible window,
 * so the chart's container is the one tab stop: focusing it moves on to the current item,
 * scrolling the window to it first when it is out of view. While an item holds focus the
 * container leaves the tab order, so that Shift+Tab leaves the chart instead of coming back.
 */

interface KeyboardOptions {
  timeline: Timeline;
  container: HTMLElement;
  items: DataSet<TimelineItem, 'id'>;
  groups: DataSet<TimelineGroup, 'id'>;
  /** Enter or Space on an item (its id). */
  open: (itemId: string) => void;
  /** The milestone behind an item id, to find the item of the milestone whose details closed. */
  milestoneOf: (itemId: string) => number;
}

export interface TimelineKeyboard {
  /** The milestone whose details are open, or null: when it turns null, focus returns to its item. */
  setSelected: (milestoneId: number | null) => void;
  dispose: () => void;
}

const ITEM_ID = 'data-item-id';

/** Centred, not zoomed to the item (`zoom` is missing from the typings). */
const CENTRE_WITHOUT_ZOOM = { animation: false, zoom: false } as TimelineAnimationOptions;

/** The items a keyboard stops at: milestones, not the ghosts of announced dates or the spread behind them. */
function navigable(item: TimelineItem): boolean {
  return item.type !== 'background' && !item.className.split(' ').includes('baseline-ghost');
}

/** The tooltip's lines read as one sentence each: "Title. 2030. Planned. …". */
function accessibleName(item: TimelineItem): string {
  const lines = [...item.tooltip().children].map((el) => el.textContent?.trim() ?? '').filter(Boolean);
  return lines.length ? lines.join('. ') : (item.content.textContent ?? '').trim();
}

function timeOf(item: TimelineItem): number {
  return new Date(item.start).valueOf();
}

function middleOf(item: TimelineItem): number {
  return (timeOf(item) + new Date(item.end ?? item.start).valueOf()) / 2;
}

export function attachTimelineKeyboard(options: KeyboardOptions): TimelineKeyboard {
  const { timeline, container, items, groups, open, milestoneOf } = options;
  /** Lanes top to bottom, each with its items left to right. */
  let lanes: TimelineItem[][] = [];
  /** Where each item sits in `lanes`. */
  let places = new Map<string, { lane: number; index: number }>();
  let stale = true;
  /** The item the keyboard is on: the one Tab comes back to. */
  let active: string | null = null;
  /** An item to focus as soon as vis-timeline has drawn it. */
  let pending: string | null = null;
  let selected: number | null = null;
  /** A click in the chart focuses the container too; only a Tab should send focus on to an item. */
  let pointerDown = false;
  /**
   * An item holds focus, and nothing else has taken it since. A redraw may replace the focused
   * node (the chart re-fits when the details panel closes beside it), which drops focus to the
   * page without any event: the next draw gives it back to the same item.
   */
  let holdsFocus = false;

  const rebuild = () => {
    if (!stale) return;
    stale = false;
    const order = new Map(groups.get().map((g) => [g.id, g.order]));
    const byLane = new Map<string, TimelineItem[]>();
    for (const item of items.get()) {
      if (!navigable(item)) continue;
      const lane = byLane.get(item.group) ?? [];
      lane.push(item);
      byLane.set(item.group, lane);
    }
    lanes = [...byLane.entries()]
      .sort(([a], [b]) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER))
      .map(([, lane]) => lane.sort((a, b) => timeOf(a) - timeOf(b) || middleOf(a) - middleOf(b)));
    places = new Map();
    lanes.forEach((lane, l) => {
      lane.forEach((item, index) => {
        places.set(item.id, { lane: l, index });
      });
    });
    if (active !== null && !places.has(active)) active = null;
  };

  const nodeOf = (itemId: string): HTMLElement | null =>
    container.querySelector<HTMLElement>(`.vis-item[${ITEM_ID}="${CSS.escape(itemId)}"]`);

  /** Every drawn item node becomes a named button out of the tab order. */
  const markNodes = () => {
    rebuild();
    for (const label of container.querySelectorAll(`.vis-item .vis-item-content > [${ITEM_ID}]`)) {
      const node = label.parentElement?.closest<HTMLElement>('.vis-item');
      const itemId = label.getAttribute(ITEM_ID);
      const item = itemId === null || !places.has(itemId) ? null : items.get(itemId);
      if (!node || !item) continue;
      if (node.getAttribute(ITEM_ID) !== item.id) node.setAttribute(ITEM_ID, item.id);
      if (node.getAttribute('role') !== 'button') node.setAttribute('role', 'button');
      // Not `tabIndex`: a div without the attribute already reads -1 there, yet cannot take focus.
      if (node.getAttribute('tabindex') !== '-1') node.setAttribute('tabindex', '-1');
      const name = accessibleName(item);
      if (node.getAttribute('aria-label') !== name) node.setAttribute('aria-label', name);
    }
    if (pending !== null) {
      const node = nodeOf(pending);
      if (node) {
        pending = null;
        node.focus({ preventScroll: true });
      }
    } else if (holdsFocus && active !== null && (document.activeElement ?? document.body) === document.body) {
      nodeOf(active)?.focus({ preventScroll: true });
    }
  };

  /** Scrolls the window (sideways and down) to an item not fully in view, then focuses its node. */
  const focusItem = (itemId: string) => {
    const item = items.get(itemId);
    if (!item) return;
    active = itemId;
    const window = timeline.getWindow();
    const start = timeOf(item);
    const end = new Date(item.end ?? item.start).valueOf();
    const node = nodeOf(itemId);
    const panel = container.querySelector('.vis-panel.vis-center')?.getBoundingClientRect();
    const box = node?.getBoundingClientRect();
    const inView =
      start >= window.start.valueOf() &&
      end <= window.end.valueOf() &&
      box !== undefined &&
      panel !== undefined &&
      box.top >= panel.top &&
      box.bottom <= panel.bottom;
    if (node && inView) {
      node.focus({ preventScroll: true });
      return;
    }
    pending = itemId;
    // focus() scrolls down to the item too, but widens the window to an item longer than it:
    // the width goes back to what the reader chose, still centred on the item.
    const width = window.end.valueOf() - window.start.valueOf();
    timeline.focus(itemId, CENTRE_WITHOUT_ZOOM);
    const after = timeline.getWindow();
    if (after.end.valueOf() - after.start.valueOf() > width * 1.01) {
      const middle = (start + end) / 2;
      timeline.setWindow(middle - width / 2, middle + width / 2, { animation: false });
    }
    markNodes();
  };

  /** The item Tab lands on: the last one the keyboard was on, the open milestone's, or the first in view. */
  const entryItem = (): string | null => {
    rebuild();
    if (active !== null && places.has(active)) return active;
    if (selected !== null) {
      const open = lanes.flat().find((i) => milestoneOf(i.id) === selected);
      if (open) return open.id;
    }
    const window = timeline.getWindow();
    const from = window.start.valueOf();
    const to = window.end.valueOf();
    for (const lane of lanes) {
      const visible = lane.find((i) => new Date(i.end ?? i.start).valueOf() >= from && timeOf(i) <= to);
      if (visible) return visible.id;
    }
    return lanes[0]?.[0]?.id ?? null;
  };

  const nearestIn = (lane: TimelineItem[], time: number): TimelineItem | undefined => {
    let best: TimelineItem | undefined;
    for (const item of lane) {
      if (!best || Math.abs(middleOf(item) - time) < Math.abs(middleOf(best) - time)) best = item;
    }
    return best;
  };

  const target = (itemId: string, key: string): string | null => {
    rebuild();
    const place = places.get(itemId);
    const item = items.get(itemId);
    if (!place || !item) return null;
    const lane = lanes[place.lane] ?? [];
    switch (key) {
      case 'ArrowLeft':
        return lane[place.index - 1]?.id ?? null;
      case 'ArrowRight':
        return lane[place.index + 1]?.id ?? null;
      case 'Home':
        return lane[0]?.id ?? null;
      case 'End':
        return lane.at(-1)?.id ?? null;
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = key === 'ArrowUp' ? -1 : 1;
        const next = lanes[place.lane + step];
        return next ? (nearestIn(next, middleOf(item))?.id ?? null) : null;
      }
      default:
        return null;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const node = (event.target as HTMLElement).closest?.<HTMLElement>(`.vis-item[${ITEM_ID}]`);
    const itemId = node?.getAttribute(ITEM_ID);
    if (!node || !itemId) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      active = itemId;
      open(itemId);
      return;
    }
    const next = target(itemId, event.key);
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) {
      // Also at the first or last item: the page must not scroll under the chart.
      event.preventDefault();
      if (next) focusItem(next);
    }
  };

  const onFocusIn = (event: FocusEvent) => {
    if (event.target === container) {
      if (pointerDown) return;
      const entry = entryItem();
      if (entry) focusItem(entry);
      return;
    }
    const itemId = (event.target as HTMLElement).getAttribute?.(ITEM_ID);
    if (itemId) {
      holdsFocus = true;
      active = itemId;
      container.tabIndex = -1;
    }
  };

  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget instanceof Node && container.contains(event.relatedTarget)) return;
    container.tabIndex = 0;
    // Gone elsewhere: an item drawn later must not pull focus back.
    if (event.relatedTarget !== null) {
      pending = null;
      holdsFocus = false;
    }
  };

  /** A click outside the chart puts focus elsewhere even when it lands on no focusable element. */
  const onPagePointerDown = (event: PointerEvent) => {
    if (!(event.target instanceof Node && container.contains(event.target))) holdsFocus = false;
  };

  const onPointerDown = () => {
    pointerDown = true;
    setTimeout(() => {
      pointerDown = false;
    });
  };

  const markStale = () => {
    stale = true;
  };

  /**
   * Each item's label element carries its id, which is how a drawn node is told apart. Not a map
   * from the element: vis-timeline keeps the element it drew when a new one has the same HTML.
   */
  const tagLabels = (ids: (string | number)[]) => {
    for (const item of items.get(ids as string[])) item.content.setAttribute(ITEM_ID, item.id);
  };
  const onItemsChanged = (event: string, payload: { items?: (string | number)[] } | null) => {
    stale = true;
    if ((event === 'add' || event === 'update') && payload?.items) tagLabels(payload.items);
  };

  container.tabIndex = 0;
  container.addEventListener('keydown', onKeyDown);
  container.addEventListener('focusin', onFocusIn);
  container.addEventListener('focusout', onFocusOut);
  container.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('pointerdown', onPagePointerDown, true);
  tagLabels(items.getIds());
  items.on('*', onItemsChanged);
  groups.on('*', markStale);
  timeline.on('changed', markNodes);

  return {
    setSelected(milestoneId) {
      const closed = selected;
      selected = milestoneId;
      if (milestoneId !== null || closed === null) return;
      // The details panel took focus with it when it closed: give it back to the item it was opened from.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost) return;
      rebuild();
      const back =
        active !== null && milestoneOf(active) === closed
          ? active
          : lanes.flat().find((i) => milestoneOf(i.id) === closed)?.id;
      if (back) focusItem(back);
    },
    dispose() {
      container.removeEventListener('keydown', onKeyDown);
      container.removeEventListener('focusin', onFocusIn);
      container.removeEventListener('focusout', onFocusOut);
      container.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerdown', onPagePointerDown, true);
      items.off('*', onItemsChanged);
      groups.off('*', markStale);
      timeline.off('changed', markNodes);
    },
  };
}
