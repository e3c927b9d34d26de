import {
  BarController,
  BarElement,
  Chart,
  type ChartConfiguration,
  type ChartType,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  type ScriptableContext,
  TimeScale,
  Tooltip,
} from 'chart.js';
import 'chartjs-adapter-moment';
import { useEffect, useRef } from 'react';
import { nextDay, parseCalendarDate } from '../../../../shared/calendar-date';
import type { Language } from '../../../../shared/date-label';
import type { PromisePoint } from './promise-points';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip);

export interface PromiseChartTexts {
  label: (p: PromisePoint) => string;
  source: (p: PromisePoint) => string;
  rank: (p: PromisePoint) => string;
  undated: string;
  xTitle: string;
  yTitle: string;
  /** The chart in one sentence, for screen readers (the table below has every point). */
  summary: string;
}

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

/** A calendar day as the local midnight the time axes work in (like the timeline, the chart is local). */
function localTime(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return new Date(year, month - 1, day).getTime();
}

const COLOURS = {
  current: { fill: '#0b5cad', line: '#073f78' },
  other: { fill: '#7ea6d4', line: '#3f6fa6' },
  superseded: { fill: '#c3c9d1', line: '#8a939e' },
} as const;
const CONFLICT_LINE = '#b3261e';

interface Bar {
  x: number;
  y: [number, number];
  point: PromisePoint;
}

/**
 * Where each point goes: x is when it was stated (an undated statement sits in a column of its
 * own at the left, labelled so); y is the interval stated, open to the axis's end for "no later
 * than" and "no earlier than".
 */
function layout(points: PromisePoint[]) {
  const dated = points.filter((p) => p.claim.statedOn).map((p) => localTime(p.claim.statedOn as string));
  const lo = dated.length ? Math.min(...dated) : Date.now();
  const hi = dated.length ? Math.max(...dated) : Date.now();
  const span = Math.max(hi - lo, 0.5 * YEAR);
  const hasUndated = points.some((p) => !p.claim.statedOn);
  const undatedX = dated.length ? lo - 0.35 * span : lo;
  const xMin = (hasUndated ? undatedX : lo) - 0.2 * span;
  const xMax = hi + 0.2 * span;

  const starts = points.map((p) => parseCalendarDate(p.claim.planned.start).year);
  const ends = points.map((p) => parseCalendarDate(p.claim.planned.end).year);
  const yMin = new Date(Math.min(...starts) - 1, 0, 1).getTime();
  const yMax = new Date(Math.max(...ends) + 2, 0, 1).getTime();

  const bars: Bar[] = points.map((point) => {
    const { planned, statedOn } = point.claim;
    const start = planned.qualifier === 'no_later_than' ? yMin : localTime(planned.start);
    const end = planned.qualifier === 'no_earlier_than' ? yMax : localTime(nextDay(planned.end));
    return { x: statedOn ? localTime(statedOn) : undatedX, y: [start, end], point };
  });
  const xUnit: 'year' | 'quarter' | 'month' =
    xMax - xMin > 4 * YEAR ? 'year' : xMax - xMin > YEAR ? 'quarter' : 'month';
  return { bars, undatedX: hasUndated ? undatedX : null, xMin, xMax, xUnit, yMin, yMax };
}

/** The band's fill: solid when exact, fading at both ends when approximate, fading toward the open end otherwise. */
function fill(context: ScriptableContext<'bar'>, bars: Bar[]): string | CanvasGradient {
  const bar = bars[context.dataIndex];
  if (!bar) return COLOURS.other.fill;
  const colour = COLOURS[bar.point.claim.rank].fill;
  const { chart } = context;
  const qualifier = bar.point.claim.planned.qualifier;
  if (qualifier === 'exact' || !chart.chartArea) return colour;
  const y = chart.scales.y;
  if (!y) return colour;
  const top = y.getPixelForValue(bar.y[1]);
  const bottom = y.getPixelForValue(bar.y[0]);
  if (!Number.isFinite(top) || !Number.isFinite(bottom) || top === bottom) return colour;
  const gradient = chart.ctx.createLinearGradient(0, top, 0, bottom);
  const faint = `${colour}22`;
  if (qualifier === 'approximate') {
    gradient.addColorStop(0, faint);
    gradient.addColorStop(0.3, colour);
    gradient.addColorStop(0.7, colour);
    gradient.addColorStop(1, faint);
  } else if (qualifier === 'no_later_than') {
    // Anything up to the stated end: strong at the end (top), fading into the earlier past.
    gradient.addColorStop(0, colour);
    gradient.addColorStop(0.35, colour);
    gradient.addColorStop(1, faint);
  } else {
    gradient.addColorStop(0, faint);
    gradient.addColorStop(0.65, colour);
    gradient.addColorStop(1, colour);
  }
  return gradient;
}

/** The middle of what was promised, where the line of promises passes. */
function promiseY(bar: Bar): number {
  const { qualifier, start, end } = bar.point.claim.planned;
  if (qualifier === 'no_later_than') return localTime(nextDay(end));
  if (qualifier === 'no_earlier_than') return localTime(start);
  return (bar.y[0] + bar.y[1]) / 2;
}

/**
 * The chart of one milestone's claims. Chart.js draws on a canvas: user text (sources, quotes)
 * reaches it only as tooltip text painted by the canvas, never as markup.
 */
export default function PromiseChart({
  points,
  language,
  texts,
  onSelect,
}: {
  points: PromisePoint[];
  language: Language;
  texts: PromiseChartTexts;
  onSelect: (claimId: number) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const textsRef = useRef(texts);
  textsRef.current = texts;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const { bars, undatedX, xMin, xMax, xUnit, yMin, yMax } = layout(points);
    const promises = bars
      .filter((b) => b.point.promise)
      .sort((a, b) => (a.point.promise?.order ?? 0) - (b.point.promise?.order ?? 0))
      .map((b) => ({ x: b.x, y: promiseY(b) }));
    // The last promise holds until something replaces it: its line runs on to the chart's edge.
    const last = promises.at(-1);
    if (last) promises.push({ x: xMax, y: last.y });
    const dayLabel = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      ...(xUnit === 'year' ? {} : { month: 'short' }),
      year: 'numeric',
    });

    // Where each bar is drawn, on the canvas element: what a test or a tool clicks to reach a point.
    const positions: Plugin<ChartType> = {
      id: 'promisePositions',
      afterRender(chart) {
        const meta = chart.getDatasetMeta(1);
        canvas.dataset.points = JSON.stringify(
          meta.data.map((element, i) => {
            const { x, y } = (element as unknown as BarElement).getCenterPoint(false);
            return { claimId: bars[i]?.point.claim.id, x: Math.round(x ?? 0), y: Math.round(y ?? 0) };
          }),
        );
      },
    };

    const config: ChartConfiguration<'bar' | 'line', Bar[] | { x: number; y: number }[]> = {
      type: 'bar',
      data: {
        datasets: [
          {
            type: 'line',
            label: 'promises',
            data: promises,
            // Level until the next promise, then the jump: the step of a slip reads as a step.
            stepped: 'before',
            borderColor: '#1f2328',
            borderWidth: 1.5,
            borderDash: [5, 4],
            pointRadius: 0,
            pointHitRadius: 0,
            order: 0,
          },
          {
            type: 'bar',
            label: 'claims',
            data: bars,
            parsing: { xAxisKey: 'x', yAxisKey: 'y' },
            barThickness: 16,
            backgroundColor: (context: ScriptableContext<'bar'>) => fill(context, bars),
            borderColor: bars.map((b) =>
              b.point.claim.conflicting ? CONFLICT_LINE : COLOURS[b.point.claim.rank].line,
            ),
            borderWidth: bars.map((b) => (b.point.claim.rank === 'current' ? 2 : 1.5)),
            borderSkipped: false,
            order: 1,
          },
        ],
      },
      plugins: [positions],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        onClick: (_event, elements) => {
          const hit = elements.find((e) => e.datasetIndex === 1);
          const claimId = hit ? bars[hit.index]?.point.claim.id : undefined;
          if (claimId !== undefined) onSelectRef.current(claimId);
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.some((e) => e.datasetIndex === 1) ? 'pointer' : 'default';
        },
        interaction: { mode: 'nearest', intersect: true },
        scales: {
          x: {
            type: 'time',
            min: xMin,
            max: xMax,
            time: { unit: xUnit },
            title: { display: true, text: texts.xTitle },
            afterBuildTicks: (scale) => {
              if (undatedX === null) return;
              // The undated column is labelled alone: no date tick crowds it.
              const gap = 0.22 * (xMax - xMin);
              const ticks = scale.ticks.filter((tick) => Math.abs(tick.value - undatedX) > gap);
              scale.ticks = [{ value: undatedX }, ...(ticks.length ? ticks : [])];
            },
            ticks: {
              autoSkip: true,
              autoSkipPadding: 12,
              maxTicksLimit: 4,
              maxRotation: 0,
              callback: (value) =>
                undatedX !== null && Number(value) === undatedX
                  ? textsRef.current.undated
                  : dayLabel.format(new Date(Number(value))),
            },
          },
          y: {
            type: 'time',
            min: yMin,
            max: yMax,
            time: { unit: 'year' },
            title: { display: true, text: texts.yTitle },
            ticks: { callback: (value) => String(new Date(Number(value)).getFullYear()) },
          },
        },
        plugins: {
          tooltip: {
            filter: (item) => item.datasetIndex === 1,
            callbacks: {
              title: (items) => {
                const bar = bars[items[0]?.dataIndex ?? -1];
                return bar ? textsRef.current.label(bar.point) : '';
              },
              label: (item) => {
                const bar = bars[item.dataIndex];
                if (!bar) return '';
                const t = textsRef.current;
                return `${t.source(bar.point)} — ${t.rank(bar.point)}`;
              },
            },
          },
        },
      },
    };
    const chart = new Chart(canvas, config as ChartConfiguration);
    return () => chart.destroy();
  }, [points, language, texts.xTitle, texts.yTitle]);

  return (
    <div className="promise-chart">
      <canvas ref={canvasRef} data-testid="promise-chart" role="img" aria-label={texts.summary} />
    </div>
  );
}
