import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Edges {
  left: boolean;
  right: boolean;
}

/**
 * A table wider than the screen scrolls inside its own box (a phone: the milestone table is
 * twice its width). A box that scrolls sideways looks like one that does not: a shadow on an
 * edge shows that more of it is there, and a line above says so while any is hidden.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<Edges>({ left: false, right: false });
  const measure = useCallback(() => {
    const element = box.current;
    if (!element) return;
    const left = element.scrollLeft > 1;
    const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
    setMore((shown) => (shown.left === left && shown.right === right ? shown : { left, right }));
  }, []);
  // Rows arrive, columns change: what the box holds may have widened since the last look.
  useEffect(measure);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.addEventListener('scroll', measure, { passive: true });
    // A phone turned, a window narrowed.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [measure]);
  return (
    <>
      {(more.left || more.right) && <p className="table-scroll-hint muted">{t('app.scrollSideways')}</p>}
      <div
        className={`table-scroll${more.left ? ' more-left' : ''}${more.right ? ' more-right' : ''}`}
        data-testid="table-scroll"
      >
        <div ref={box} className="table-wrap">
          {children}
        </div>
      </div>
    </>
  );
}
