/**
 * Sentences of an article, as offsets into its text so that every quote taken from them is a
 * verbatim slice. A line break always ends a sentence (headlines, datelines and paragraphs stand
 * on lines of their own); inside a line a sentence ends at . ! ? or … followed by a space and a
 * capital letter, a digit, a quote mark or a dash — so «в 2027 г. завод» stays one sentence while
 * «в 2027 г. Завод» is two, and initials («С. Верховец») do not end a sentence.
 */

export interface Sentence {
  start: number;
  end: number;
  /** Index of the paragraph (a run of lines without a blank line between them): context is carried within it. */
  paragraph: number;
}

const END = /[.!?…]+["»”']*(?=\s+["«“(—–-]?[\p{Lu}\d])/gu;
// A single capital letter before the dot is an initial, not the end of a sentence.
const INITIAL = /(?:^|[\s(«"])\p{Lu}$/u;

/** Trims spaces at both ends of text[start, end) and returns the inner offsets. */
function trimmed(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text.charAt(s))) s++;
  while (e > s && /\s/u.test(text.charAt(e - 1))) e--;
  return [s, e];
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  let blank = false;
  const lines = text.split('\n');
  for (const line of lines) {
    const lineEnd = lineStart + line.length;
    if (line.trim() === '') {
      if (!blank) paragraph++;
      blank = true;
    } else {
      blank = false;
      let from = lineStart;
      END.lastIndex = 0;
      for (const m of line.matchAll(END)) {
        const cut = lineStart + (m.index ?? 0) + m[0].length;
        const before = text.slice(from, lineStart + (m.index ?? 0));
        if (m[0].startsWith('.') && INITIAL.test(before)) continue;
        const [s, e] = trimmed(text, from, cut);
        if (e > s) sentences.push({ start: s, end: e, paragraph });
        from = cut;
      }
      const [s, e] = trimmed(text, from, lineEnd);
      if (e > s) sentences.push({ start: s, end: e, paragraph });
    }
    lineStart = lineEnd + 1;
  }
  return sentences;
}
