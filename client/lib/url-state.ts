import { useCallback, useSyncExternalStore } from 'react';
import { LANGUAGES, type Language } from '../../shared/date-label';
import { type LaneMode, laneModeSchema, type MilestoneFilter, milestoneFilterSchema } from '../../shared/milestone';

export const VIEWS = ['timeline', 'table', 'moves', 'sources', 'participants', 'history', 'intake', 'users'] as const;
export type View = (typeof VIEWS)[number];

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

/** The view a query string describes; a hand-edited link with a bad part loses only that part. */
export function parseView(search: string): RoadmapView {
  const params = new URLSearchParams(search);
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
  // A hand-edited link with one bad part keeps the parts that are good.
  const filter: MilestoneFilter = {};
  for (const [key, value] of Object.entries(raw)) {
    const one = milestoneFilterSchema.safeParse({ [key]: value });
    if (one.success) Object.assign(filter, one.data);
  }
  if (!milestoneFilterSchema.safeParse(filter).success) delete filter.to;
  const view = params.get('view');
  const selected = Number(params.get('m'));
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'timeline',
    lanes: laneModeSchema.safeParse(params.get('lanes')).data ?? 'workstream',
    filter,
    ids: parseIds(params.get('ids')),
    selected: Number.isInteger(selected) && selected > 0 ? selected : null,
    ...optionalParts(params),
  };
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
function currentView(): RoadmapView {
  const search = window.location.search;
  if (search !== cachedSearch || !cachedView) {
    cachedSearch = search;
    cachedView = parseView(search);
  }
  return cachedView;
}

/**
 * The URL is the state of the screen, so any view can be shared, bookmarked and reloaded.
 * Opening a milestone or switching screens adds a history entry (Back closes it); typing in
 * filters replaces the current one.
 */
/**
 * The language goes into the link when it is not the default, so a shared link opens in the
 * language it was shared in; Russian, the default, leaves the link as it was.
 */
export function setLinkLanguage(language: Language): void {
  const current = currentView();
  const lang = language === 'ru' ? undefined : language;
  if (current.lang === lang) return;
  const { lang: _, ...rest } = current;
  const next: RoadmapView = lang ? { ...rest, lang } : rest;
  window.history.replaceState(null, '', `${window.location.pathname}${viewToSearch(next)}`);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useRoadmapView() {
  const view = useSyncExternalStore(subscribe, currentView);
  const update = useCallback((patch: Partial<RoadmapView>, mode: 'push' | 'replace' = 'replace') => {
    const next = { ...currentView(), ...patch };
    const url = `${window.location.pathname}${viewToSearch(next)}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  }, []);
  return { ...view, update };
}
