import { useCallback, useSyncExternalStore } from 'react';
import { LANGUAGES, type Language } from '../../shared/date-label';
import type { MilestoneFilter } from '../../shared/milestone';
import type { checkLinkFilter } from './link-filter';

export const VIEWS = ['timeline', 'table', 'moves', 'sources', 'participants', 'history', 'intake', 'users'] as const;
export type View = (typeof VIEWS)[number];

/** Lanes the timeline can be split by; the same word is used in the URL. */
export const LANE_MODES = ['workstream', 'participant', 'region'] as const;
export type LaneMode = (typeof LANE_MODES)[number];

/** Everything a shared link restores: the screen, its filters, the lanes and the open milestone. */
export interface RoadmapView {
  view: View;
  lanes: LaneMode;
  filter: MilestoneFilter;
  /**
   * Only these milestones (a figure of a track record opened as a list); empty for all. Applied
   * by the client to what the filter selects: the server's filter has no list of ids.
   */
  ids: number[];
  selected: number | null;
  /** The interface language, when a link names it (`lang=en`); otherwise the reader's own. */
  lang?: Language;
  /** The timeline's zoom preset (`zoom=year`), read by the timeline; absent is its own fit. */
  zoom?: string;
  /** The table's order: a column, `-` first for descending (`sort=-title`); absent is by date. */
  sort?: string;
}

const LIST_KEYS = ['status', 'workstream', 'participant', 'region', 'confidence'] as const;
/** A link may name at most this many milestones; a longer list is dropped like any bad part. */
export const MAX_IDS = 500;
const NAVIGATE_EVENT = 'roadmap:navigate';

let checkFilter: typeof checkLinkFilter | null = null;
let checkLoading: Promise<void> | null = null;

/**
 * Loads the check of a link's filter (link-filter.ts). It is the shared zod schema, and zod stays
 * off the way to the first screen (bench: network): a plain visit draws without it, a link with
 * filters waits for it (main.tsx), and otherwise it is fetched when the filter bar is first
 * touched or, at the latest, when a filter is set (`navigate`).
 */
export function loadFilterCheck(): Promise<void> {
  checkLoading ??= import('./link-filter').then(
    (module) => {
      checkFilter = module.checkLinkFilter;
    },
    (error: unknown) => {
      // Not cached: a later call tries again.
      checkLoading = null;
      throw error;
    },
  );
  return checkLoading;
}

/** The filter parts of a link, as they are before their check. */
function filterParts(params: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const value = params.get(key);
    if (value) raw[key] = value.split(',').filter(Boolean);
  }
  for (const key of ['q', 'from', 'to'] as const) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  if (params.get('disagree') === '1') raw.disagree = true;
  return raw;
}

/** True while reading `search` would need the filter check and it has not arrived. */
export function waitsForFilterCheck(search: string): boolean {
  return !checkFilter && Object.keys(filterParts(new URLSearchParams(search))).length > 0;
}

/**
 * The view a query string describes; a hand-edited link with a bad part loses only that part.
 * A link with filters is read once `loadFilterCheck()` has resolved (`waitsForFilterCheck`).
 */
export function parseView(search: string): RoadmapView {
  const params = new URLSearchParams(search);
  const raw = filterParts(params);
  let filter: MilestoneFilter = {};
  if (Object.keys(raw).length) {
    if (!checkFilter) throw new Error('parseView: a link with filters is read after loadFilterCheck()');
    filter = checkFilter(raw);
  }
  const view = params.get('view');
  const lanes = params.get('lanes');
  const selected = Number(params.get('m'));
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'timeline',
    lanes: (LANE_MODES as readonly string[]).includes(lanes ?? '') ? (lanes as LaneMode) : 'workstream',
    filter,
    ids: parseIds(params.get('ids')),
    selected: Number.isInteger(selected) && selected > 0 ? selected : null,
    ...optionalParts(params),
  };
}

/** The language a link names, if any; read without the filter check, before the app has started. */
export function linkLanguage(search: string): Language | undefined {
  return optionalParts(new URLSearchParams(search)).lang;
}

/** Parts a link may carry and most do not: present in the view only when the link has them. */
function optionalParts(params: URLSearchParams): Pick<RoadmapView, 'lang' | 'zoom' | 'sort'> {
  const out: Pick<RoadmapView, 'lang' | 'zoom' | 'sort'> = {};
  const lang = params.get('lang');
  if ((LANGUAGES as readonly string[]).includes(lang ?? '')) out.lang = lang as Language;
  const zoom = params.get('zoom');
  if (zoom && /^[a-z0-9]{1,12}$/.test(zoom)) out.zoom = zoom;
  const sort = params.get('sort');
  if (sort && /^-?[a-z]{1,20}$/.test(sort)) out.sort = sort;
  return out;
}

/** `ids=3,7,12`: positive whole numbers, each once; a list with a bad part is dropped whole. */
function parseIds(value: string | null): number[] {
  if (!value) return [];
  const parts = value.split(',').filter(Boolean);
  if (parts.length > MAX_IDS || !parts.every((p) => /^[1-9]\d{0,9}$/.test(p))) return [];
  return [...new Set(parts.map(Number))];
}

/** The query string for a view; also what the CSV export links reuse. */
export function filterToSearchParams(filter: MilestoneFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const list = filter[key];
    if (list?.length) params.set(key, list.join(','));
  }
  if (filter.q) params.set('q', filter.q);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.disagree) params.set('disagree', '1');
  return params;
}

/** The query string of a view (with its "?"), leaving out what is the default. */
export function viewToSearch(view: RoadmapView): string {
  const params = filterToSearchParams(view.filter);
  if (view.ids.length) params.set('ids', view.ids.join(','));
  if (view.view !== 'timeline') params.set('view', view.view);
  if (view.lanes !== 'workstream') params.set('lanes', view.lanes);
  if (view.selected !== null) params.set('m', String(view.selected));
  if (view.sort) params.set('sort', view.sort);
  if (view.zoom) params.set('zoom', view.zoom);
  if (view.lang) params.set('lang', view.lang);
  const search = params.toString();
  return search ? `?${search}` : '';
}

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

let cachedSearch: string | null = null;
let cachedView: RoadmapView | null = null;
/**
 * Views set while the filter check was on its way (a filter chosen in the first seconds of a
 * visit on a slow link), in order, each with how it enters the history: the screen shows the last
 * at once, and the link follows when the check has arrived.
 */
let waiting: { view: RoadmapView; mode: 'push' | 'replace' }[] = [];

function notify(): void {
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function currentView(): RoadmapView {
  const set = waiting.at(-1);
  if (set) return set.view;
  const search = window.location.search;
  if (search !== cachedSearch || !cachedView) {
    if (cachedView && waitsForFilterCheck(search)) {
      // Back to a filtered entry made before a reload: the screen follows once the check has
      // arrived (had it failed, the next render asks again).
      void loadFilterCheck().then(notify, () => {});
      return cachedView;
    }
    cachedSearch = search;
    cachedView = parseView(search);
  }
  return cachedView;
}

function write(view: RoadmapView, mode: 'push' | 'replace'): void {
  const url = `${window.location.pathname}${viewToSearch(view)}`;
  // Opening what is already open adds no entry, or Back would seem to do nothing: a second click
  // on the open milestone, or one click that vis-timeline reports twice (its long-press select
  // and its tap, when a busy page handles the mouse-up late).
  const same = url === `${window.location.pathname}${window.location.search}`;
  if (mode === 'push' && !same) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/**
 * Writes the view into the link, which then reads back as the screen's state; with a filter and
 * no check yet, once the check has arrived, in the order the views were set. Read back, such a
 * link is what it would have been at once (an end before the start dropped).
 */
function navigate(next: RoadmapView, mode: 'push' | 'replace'): void {
  if (!waiting.length && !waitsForFilterCheck(viewToSearch(next))) {
    write(next, mode);
  } else {
    if (!waiting.length) {
      void loadFilterCheck().then(
        () => {
          for (const set of waiting) write(set.view, set.mode);
          waiting = [];
          notify();
        },
        (error: unknown) => {
          // No check, no filter: the screen goes back to its link.
          waiting = [];
          notify();
          throw error;
        },
      );
    }
    waiting.push({ view: next, mode });
  }
  notify();
}

/**
 * The language goes into the link when it is not the default, so a shared link opens in the
 * language it was shared in; Russian, the default, leaves the link as it was.
 */
export function setLinkLanguage(language: Language): void {
  // i18n starts before main.tsx has loaded the check a filtered link is read with.
  if (!cachedView && !waiting.length && waitsForFilterCheck(window.location.search)) {
    void loadFilterCheck().then(
      () => setLinkLanguage(language),
      () => {},
    );
    return;
  }
  const current = currentView();
  const lang = language === 'ru' ? undefined : language;
  if (current.lang === lang) return;
  const { lang: _, ...rest } = current;
  navigate(lang ? { ...rest, lang } : rest, 'replace');
}

/**
 * The URL is the state of the screen, so any view can be shared, bookmarked and reloaded.
 * Opening a milestone or switching screens adds a history entry (Back closes it); typing in
 * filters replaces the current one.
 */
export function useRoadmapView() {
  const view = useSyncExternalStore(subscribe, currentView);
  const update = useCallback((patch: Partial<RoadmapView>, mode: 'push' | 'replace' = 'replace') => {
    navigate({ ...currentView(), ...patch }, mode);
  }, []);
  return { ...view, update };
}
