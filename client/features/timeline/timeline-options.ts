import type { TimelineOptions } from 'vis-timeline/esnext';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How the roadmap's chart behaves, apart from what React wires in (locale, editing, events).
 * A module of its own, with nothing of the app in it, so that the timeline bench's bare page
 * draws with exactly these options.
 */
export const TIMELINE_OPTIONS: TimelineOptions = {
  stack: true,
  showCurrentTime: true,
  zoomMin: 7 * DAY_MS,
  zoomMax: 60 * 365.25 * DAY_MS,
  orientation: { axis: 'both', item: 'top' },
  maxHeight: '70vh',
  verticalScroll: true,
  zoomKey: 'ctrlKey',
  horizontalScroll: true,
  multiselect: false,
  groupOrder: 'order',
  tooltip: { followMouse: true, overflowMethod: 'cap' },
  margin: { item: { horizontal: 4, vertical: 6 } },
};
