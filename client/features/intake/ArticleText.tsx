import { type ReactNode, useEffect, useRef } from 'react';

interface Quote {
  id: string;
  start: number;
  end: number;
}

/**
 * The article as text nodes: every proposal's quote marked, the selected one as one <mark> of
 * exactly its range, scrolled into view inside the box (the page itself does not jump). The
 * text is never parsed as HTML; React makes text nodes of it.
 */
export function ArticleText({
  text,
  quotes,
  selected,
  onSelect,
  labelledBy,
}: {
  text: string;
  quotes: readonly Quote[];
  selected: string | null;
  onSelect: (id: string) => void;
  labelledBy: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const chosen = quotes.find((q) => q.id === selected) ?? null;

  useEffect(() => {
    const box = boxRef.current;
    const mark = markRef.current;
    if (!box || !mark || !chosen) return;
    const top = mark.offsetTop - box.offsetTop;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: reduced ? 'auto' : 'smooth' });
  }, [chosen]);

  const nodes: ReactNode[] = [];
  /** Text between `from` and `to` outside the selected quote, with the other quotes marked faintly. */
  const plain = (from: number, to: number) => {
    const cuts = new Set([from, to]);
    for (const q of quotes) {
      if (q.start > from && q.start < to) cuts.add(q.start);
      if (q.end > from && q.end < to) cuts.add(q.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i] as number, points[i + 1] as number];
      const inside = quotes.find((q) => q.start <= a && q.end >= b);
      const piece = text.slice(a, b);
      nodes.push(
        inside ? (
          <mark key={`q${a}`} className="quote-other" onClick={() => onSelect(inside.id)}>
            {piece}
          </mark>
        ) : (
          piece
        ),
      );
    }
  };
  if (chosen) {
    plain(0, chosen.start);
    nodes.push(
      <mark key="selected" ref={markRef} className="quote-selected" data-testid="quote-selected">
        {text.slice(chosen.start, chosen.end)}
      </mark>,
    );
    plain(chosen.end, text.length);
  } else {
    plain(0, text.length);
  }

  return (
    <div
      ref={boxRef}
      className="intake-text"
      lang="ru"
      data-testid="article-text"
      role="document"
      aria-labelledby={labelledBy}
      // A long article scrolls inside its box: keyboard users reach it with Tab.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard.
      tabIndex={0}
    >
      {nodes}
    </div>
  );
}
