/**
 * The floor of the timeline benchmark (bench/cases/timeline.ts): vis-timeline given the same
 * items the app draws, with the same options, in a box of the same size and place, and nothing
 * else — no React, no query cache, no app around it. Items are built here the plainest way
 * that yields the same fields and texts.
 */
import moment from 'moment';
import 'moment/dist/locale/ru';
import { DataSet } from 'vis-data/esnext';
import { Timeline } from 'vis-timeline/esnext';
// The app's own chart options, from a module with nothing else of the app in it.
import { DAY_MS, TIMELINE_OPTIONS } from '../../client/features/timeline/timeline-options';
// The app's stylesheet, for its item rules: vis-timeline draws only the lanes near the visible
// part, and how many those are depends on item heights, so a different font draws other items.
// Before vis-timeline's own, as in the app, where that comes with the lazy timeline chunk.
import '../../client/styles.css';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import { ru } from '../../shared/i18n/ru';

interface Milestone {
  id: number;
  title: string;
  status: keyof typeof ru.status;
  slipped: boolean;
  workstreamId: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  plannedPrecision: 'day' | 'month' | 'quarter' | 'half' | 'year' | null;
  actualDate: string | null;
}
interface Workstream {
  id: number;
  nameRu: string;
}

const NO_LANE = 'none';

async function query<T>(path: string): Promise<T> {
  const res = await fetch(`/trpc/${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

function text(tag: string, value: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = value;
  return el;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const dayFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const utc = (date: string, dayOffset = 0) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + dayOffset));
};
const nextDay = (date: string) => utc(date, 1).toISOString().slice(0, 10);

function dateLabel(m: Milestone): string | null {
  if (m.actualDate) return dayFormat.format(utc(m.actualDate));
  if (!m.plannedStart || !m.plannedPrecision) return null;
  const [year, month] = m.plannedStart.split('-').map(Number) as [number, number];
  switch (m.plannedPrecision) {
    case 'year':
      return String(year);
    case 'half':
      return `${ROMAN[month <= 6 ? 0 : 1]} пол. ${year}`;
    case 'quarter':
      return `${ROMAN[Math.floor((month - 1) / 3)]} кв. ${year}`;
    case 'month':
      return monthFormat.format(utc(m.plannedStart));
    case 'day':
      return dayFormat.format(utc(m.plannedStart));
  }
}

function tooltip(m: Milestone): HTMLElement {
  const box = document.createElement('div');
  box.className = 'timeline-tooltip';
  box.append(text('strong', m.title));
  const date = dateLabel(m);
  if (date) box.append(text('div', date));
  box.append(text('div', ru.status[m.status]));
  return box;
}

function itemOf(m: Milestone) {
  const status = `status-${m.status}`;
  const lane = m.workstreamId === null ? NO_LANE : String(m.workstreamId);
  const common = { id: String(m.id), group: lane, editable: false, title: tooltip(m) };
  const label = text('span', m.title);
  label.className = 'timeline-item-label';
  if (m.actualDate) {
    return { ...common, start: m.actualDate, type: 'point', className: `${status} precision-day`, content: label };
  }
  if (!m.plannedStart || !m.plannedEnd || !m.plannedPrecision) return null;
  if (m.plannedPrecision === 'day') {
    return { ...common, start: m.plannedStart, type: 'point', className: `${status} precision-day`, content: label };
  }
  return {
    ...common,
    start: m.plannedStart,
    end: nextDay(m.plannedEnd),
    type: 'range',
    className: `${status} approximate precision-${m.plannedPrecision}`,
    content: label,
  };
}

async function main() {
  // The stylesheet colours items through these (client/lib/status-colors.ts). Any valid colour
  // costs the same to paint, and shared/status.ts, which holds the real ones, would bring zod.
  for (const status of Object.keys(ru.status)) {
    for (const part of ['bg', 'border', 'text']) {
      document.documentElement.style.setProperty(`--status-${status}-${part}`, part === 'text' ? '#fff' : '#2f6db5');
    }
  }
  const container = document.getElementById('timeline') as HTMLElement;
  // The bench passes where the app puts its chart and how wide: item widths decide how items
  // stack, and only the part of the chart inside the viewport is painted.
  const params = new URLSearchParams(location.search);
  container.style.width = `${params.get('w')}px`;
  container.style.marginTop = `${params.get('top')}px`;
  const [milestones, workstreams] = await Promise.all([
    query<Milestone[]>(`milestone.list?input=${encodeURIComponent('{}')}`),
    query<Workstream[]>('workstream.list'),
  ]);
  // Slipped milestones get a baseline ghost in the app; the bench data has none, so none here.
  if (milestones.some((m) => m.slipped)) throw new Error('the bare page does not draw baseline ghosts');
  const items = milestones.map(itemOf).filter((i) => i !== null);
  container.dataset.items = String(items.length);
  const groups = workstreams.map((w, order) => ({ id: String(w.id), content: text('span', w.nameRu), order }));
  if (items.some((i) => i.group === NO_LANE))
    groups.push({ id: NO_LANE, content: text('span', ru.lanes.none), order: groups.length });
  const timeline = new Timeline(container, new DataSet(items) as never, new DataSet(groups) as never, {
    ...TIMELINE_OPTIONS,
    locale: 'ru',
    moment,
    editable: false,
    snap: null,
  });
  timeline.fit({ animation: false });
  // The same moment the app marks: the frame after the data went in, once painted.
  requestAnimationFrame(() => setTimeout(() => performance.mark('timeline-drawn')));

  // The app's decade preset: a ten-year window around the centre of the current one.
  document.querySelector('[data-zoom="decade"]')?.addEventListener('click', () => {
    const { start, end } = timeline.getWindow();
    const centre = (start.valueOf() + end.valueOf()) / 2;
    const half = (10 * 365.25 * DAY_MS) / 2;
    timeline.setWindow(centre - half, centre + half, { animation: false });
  });
}

void main();
