import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MilestoneListItem } from '../../lib/use-filtered-milestones';
import { downloadPng, localToday, pngFileName } from './export-png';
import { type BuildPictureTimeline, RoadmapPicture } from './RoadmapPicture';
import './print.css';

interface PictureActionsProps {
  build: BuildPictureTimeline;
  /** Undefined while the milestones load: there is nothing to draw yet. */
  milestones: MilestoneListItem[] | undefined;
}

interface PngJob {
  build: BuildPictureTimeline;
  milestones: MilestoneListItem[];
  day: string;
}

const printQuery = () => window.matchMedia('print');

function subscribeToPrint(onChange: () => void) {
  const query = printQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the page is laid out for paper (the browser's print, or print media emulated). */
function usePrintMedia(): boolean {
  return useSyncExternalStore(subscribeToPrint, () => printQuery().matches);
}

/**
 * "Export PNG" and "Print". Both draw the roadmap as a picture outside the app (see
 * RoadmapPicture): the PNG from a stage kept off screen while it is rasterised, the print from
 * a sheet that print.css puts on paper in place of the app.
 */
export function PictureActions({ build, milestones }: PictureActionsProps) {
  const { t } = useTranslation();
  // The export draws what was on screen at the click; a live update while it runs waits its turn.
  const [png, setPng] = useState<PngJob | null>(null);
  const [pngFailed, setPngFailed] = useState(false);
  const rasterising = useRef(false);
  const [printRequested, setPrintRequested] = useState(false);
  const [sheetReady, setSheetReady] = useState(false);
  const printStarted = useRef(false);
  const printMedia = usePrintMedia();

  const exportPng = () => {
    if (!milestones) return;
    setPngFailed(false);
    setPng({ build, milestones, day: localToday() });
  };

  const rasterise = async (stage: HTMLElement) => {
    if (rasterising.current || !png) return;
    rasterising.current = true;
    try {
      await downloadPng(stage, pngFileName(png.day));
    } catch (error) {
      // The user sees that it failed; the cause goes where a developer will look for it.
      console.error('PNG export failed', error);
      setPngFailed(true);
    } finally {
      rasterising.current = false;
      setPng(null);
    }
  };

  // window.print() shows the page as it is: the sheet (title, whole chart, sources) must be
  // drawn first. A print started from the browser's menu gets the sheet too, once the print
  // media applies; print.css keeps the app's own chart on paper until the sheet is ready.
  const showSheet = (printRequested || printMedia) && milestones !== undefined;
  useEffect(() => {
    if (!showSheet) setSheetReady(false);
  }, [showSheet]);
  useEffect(() => {
    if (!printRequested || !sheetReady || printStarted.current) return;
    printStarted.current = true;
    window.addEventListener(
      'afterprint',
      () => {
        printStarted.current = false;
        setPrintRequested(false);
      },
      { once: true },
    );
    window.print();
  }, [printRequested, sheetReady]);
  // A browser that never reports the end of printing still lets the user print again.
  const print = () => (printRequested && sheetReady ? window.print() : setPrintRequested(true));

  return (
    <div className="picture-actions">
      <button type="button" onClick={exportPng} disabled={!milestones || png !== null} aria-busy={png !== null}>
        {png ? t('picture.exporting') : t('picture.exportPng')}
      </button>
      <button type="button" onClick={print} disabled={!milestones} aria-busy={printRequested && !sheetReady}>
        {printRequested && !sheetReady ? t('picture.preparingPrint') : t('picture.print')}
      </button>
      {pngFailed && (
        <p role="alert" className="form-error">
          {t('picture.exportFailed')}
        </p>
      )}
      {png &&
        createPortal(
          <div className="picture-offscreen" aria-hidden="true">
            <RoadmapPicture
              build={png.build}
              milestones={png.milestones}
              day={png.day}
              forPaper={false}
              className="png-export-stage"
              testId="png-export-stage"
              onReady={(stage) => void rasterise(stage)}
            />
          </div>,
          document.body,
        )}
      {showSheet &&
        createPortal(
          <RoadmapPicture
            build={build}
            milestones={milestones}
            day={localToday()}
            forPaper
            className="print-sheet print-only"
            testId="print-sheet"
            onReady={() => setSheetReady(true)}
          />,
          document.body,
        )}
    </div>
  );
}
