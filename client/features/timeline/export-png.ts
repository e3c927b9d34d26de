import moment from 'moment';
import 'moment/dist/locale/ru';
import { DataSet } from 'vis-data/esnext';
import { Timeline, type TimelineOptions } from 'vis-timeline/esnext';
import { formatCalendarDate } from '../../../shared/calendar-date';
import { lanesByPage, type PageRoom } from './picture-pages';
import type { TimelineGroup, TimelineItem } from './timeline-items';

/**
 * The chart as a picture: a second, still vis-timeline over the same milestones, drawn over the
 * whole range of the dated items with every lane at full height, whatever the user has scrolled
 * or zoomed to on screen. The PNG export rasterises it; the print sheet puts it on paper.
 */

const PICTURE_OPTIONS: TimelineOptions = {
  stack: true,
  showCurrentTime: true,
  orientation: { axis: 'both', item: 'top' },
  groupOrder: 'order',
  margin: { item: { horizontal: 4, vertical: 6 } },
  // No maxHeight and no scrolling: a picture shows all lanes; nothing on it reacts to the mouse.
  verticalScroll: false,
  horizontalScroll: false,
  moveable: false,
  zoomable: false,
  selectable: false,
  editable: false,
  showTooltips: false,
  // The picture has a fixed width; the once-a-second size check would only cost time.
  autoResize: false,
};

/** How long the chart must stay unchanged before it counts as drawn (vis restacks over a few frames). */
const SETTLE_MS = 150;
/** Gives up waiting for a chart that keeps redrawing; what is drawn by then is the picture. */
const SETTLE_LIMIT_MS = 5_000;

interface TimeWindow {
  start: number;
  end: number;
}

export interface PictureChart {
  /** Resolves once the chart is fitted to all items and has stopped redrawing, with its window. */
  drawn: Promise<TimeWindow>;
  destroy: () => void;
}

/**
 * The window fit() chose (it makes room for the labels of point items), from the 1st of January
 * of the first year so that the axis names every year.
 */
function fromFirstYear(items: TimelineItem[], fitted: { start: Date; end: Date }): { start: number; end: number } {
  const firstYear = Math.min(...items.map((i) => moment(i.start).startOf('year').valueOf()));
  return { start: Math.min(fitted.start.valueOf(), firstYear), end: fitted.end.valueOf() };
}

/** Space kept free after the longest label, in pixels. */
const LABEL_GAP_PX = 16;
/** A chart mostly empty on the right is worse than a cut label: widen by half the range at most. */
const MAX_WIDENING = 0.5;

/**
 * A label runs past the end of its bar (a short range, a long title) and would be cut at the
 * edge of the picture: the end of the window that leaves room for every label as drawn. Labels
 * keep their width in pixels when the window widens, so the window grows by solving for it.
 */
function endWithRoomForLabels(container: HTMLElement, range: { start: number; end: number }): number {
  const panel = container.querySelector('.vis-panel.vis-center');
  if (!panel) return range.end;
  const { left, width } = panel.getBoundingClientRect();
  const span = range.end - range.start;
  let end = range.end;
  for (const label of container.querySelectorAll('.vis-item .vis-item-content')) {
    const box = label.getBoundingClientRect();
    const x = box.left - left;
    const needed = box.width + LABEL_GAP_PX;
    if (x + needed <= width || needed >= width) continue;
    const at = range.start + (x / width) * span;
    end = Math.max(end, range.start + (at - range.start) / (1 - needed / width));
  }
  return Math.min(end, range.end + span * MAX_WIDENING);
}

/**
 * Draws the items into `container` over the whole chosen range: the filters decide which
 * milestones are in it, and the window takes them all, not the window the screen happens to show.
 */
export function drawPictureChart(
  container: HTMLElement,
  items: TimelineItem[],
  groups: TimelineGroup[],
  language: string,
  /** The window of the whole chart, for a part of it: every part shares one time scale. */
  fixedWindow?: TimeWindow,
): PictureChart {
  // New DataSets and, from the caller, new DOM nodes: one element cannot sit in two charts.
  const timeline = new Timeline(
    container,
    new DataSet<TimelineItem, 'id'>(items) as never,
    new DataSet<TimelineGroup, 'id'>(groups) as never,
    { ...PICTURE_OPTIONS, locale: language, moment },
  );
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let limit: ReturnType<typeof setTimeout> | undefined;
  const stopWaiting = () => {
    clearTimeout(quiet);
    clearTimeout(limit);
  };
  const drawn = new Promise<TimeWindow>((resolve) => {
    let draws = 0;
    const done = () => {
      stopWaiting();
      timeline.off('changed', onChanged);
      const shown = timeline.getWindow();
      resolve({ start: shown.start.valueOf(), end: shown.end.valueOf() });
    };
    // vis fits the window on its first draw but redraws for the new window only when something
    // else asks (the picture has no resize check): ask, then widen once for the labels.
    const onChanged = () => {
      draws += 1;
      if (fixedWindow) {
        if (draws === 1) {
          timeline.setWindow(fixedWindow.start, fixedWindow.end, { animation: false });
          timeline.redraw();
        }
      } else if (draws === 1 && items.length > 0) {
        timeline.fit({ animation: false });
        const range = fromFirstYear(items, timeline.getWindow());
        timeline.setWindow(range.start, range.end, { animation: false });
        timeline.redraw();
      } else if (draws === 2) {
        const shown = timeline.getWindow();
        const range = { start: shown.start.valueOf(), end: shown.end.valueOf() };
        const end = endWithRoomForLabels(container, range);
        if (end > range.end) timeline.setWindow(range.start, end, { animation: false });
        timeline.redraw();
      }
      clearTimeout(quiet);
      quiet = setTimeout(done, SETTLE_MS);
    };
    limit = setTimeout(done, SETTLE_LIMIT_MS);
    timeline.on('changed', onChanged);
  });
  return {
    drawn,
    destroy: () => {
      stopWaiting();
      timeline.destroy();
    },
  };
}

/** Space a chart takes beyond its box on paper: its margins and borders (print.css). */
const PART_MARGIN_PX = 28;

/**
 * The picture's chart in `host`: one chart, or on paper (`room` given) one chart per page when
 * the whole would run over a page, split between lanes so that no page break cuts an item and
 * every page has an axis. A part that fits its page is marked `fits-page`, which print.css
 * keeps whole; an oversize one may break, rather than leave the title alone on the first page.
 */
export function drawPicture(
  host: HTMLElement,
  items: TimelineItem[],
  groups: TimelineGroup[],
  language: string,
  room: (() => PageRoom) | null,
): PictureChart {
  let charts: PictureChart[] = [];
  let destroyed = false;
  const newPart = () => {
    const part = document.createElement('div');
    part.className = 'picture-chart timeline-canvas';
    host.append(part);
    return part;
  };
  const whole = drawPictureChart(newPart(), items, groups, language);
  charts.push(whole);
  const drawn = whole.drawn.then(async (shown) => {
    const part = host.firstElementChild as HTMLElement | null;
    if (!room || destroyed || !part) return shown;
    const rooms = room();
    const lanes = [...part.querySelectorAll('.vis-labelset .vis-label')].map((l) => l.getBoundingClientRect().height);
    const overhead = part.getBoundingClientRect().height - lanes.reduce((a, b) => a + b, 0) + PART_MARGIN_PX;
    const parts = lanesByPage(lanes, overhead, rooms);
    const fits = (lanesOfPart: number[], first: boolean) =>
      overhead + lanesOfPart.reduce((sum, lane) => sum + (lanes[lane] ?? 0), 0) <= (first ? rooms.first : rooms.other);
    if (parts.length <= 1) {
      part.classList.toggle('fits-page', fits(parts[0] ?? [], true));
      return shown;
    }
    whole.destroy();
    host.replaceChildren();
    // vis draws the lanes in their `order`; the labels measured above are in that order too.
    const ordered = [...groups].sort((a, b) => a.order - b.order);
    charts = parts.map((lanesOfPart, n) => {
      const ids = new Set(lanesOfPart.map((lane) => ordered[lane]?.id));
      const container = newPart();
      container.classList.toggle('fits-page', fits(lanesOfPart, n === 0));
      return drawPictureChart(
        container,
        items.filter((item) => ids.has(item.group)),
        ordered.filter((group) => ids.has(group.id)),
        language,
        shown,
      );
    });
    await Promise.all(charts.map((chart) => chart.drawn));
    return shown;
  });
  return {
    drawn,
    destroy: () => {
      destroyed = true;
      for (const chart of charts) chart.destroy();
      host.replaceChildren();
    },
  };
}

/** The local calendar day, for the picture's date and the file name. */
export function localToday(now = new Date()): string {
  return formatCalendarDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

export function pngFileName(day: string): string {
  return `roadmap-${day}.png`;
}

/**
 * Rasterises `node` and hands the PNG to the browser as a download. html-to-image draws the DOM
 * through an SVG data: image onto a canvas, which the CSP allows (img-src 'self' data:); it is
 * loaded here, on the first click, so viewers who never export do not download it.
 */
export async function downloadPng(node: HTMLElement, fileName: string): Promise<void> {
  const { toBlob } = await import('html-to-image');
  const blob = await toBlob(node, {
    // The stage already has its width in CSS pixels; one image pixel per CSS pixel keeps the
    // file size the same on every screen.
    pixelRatio: 1,
    backgroundColor: '#ffffff',
    // The app uses system fonts only; embedding would read every stylesheet for nothing.
    skipFonts: true,
  });
  if (!blob) throw new Error('html-to-image produced no image');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the URL is tiny to keep a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
