import { type RefinementCtx, z } from 'zod';

/**
 * Text that cannot fool the eye, for every text a user stores (titles, quotes, reasons, names,
 * sources, articles): one set of rules, defined once, used by every text field in shared/.
 *
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
 *   refused: in a title or a quote they reorder what is shown ("Завод\u202Eроп" reads as
 *   something else), so a reader would see other words than the ones stored and cited.
 * - NUL is refused: SQLite's length() and trim() stop at it, PostgreSQL refuses it in text.
 * - A lone surrogate (half of a UTF-16 pair, which JSON's `\ud800` can carry) is refused: both
 *   databases store UTF-8, where it would be silently replaced by U+FFFD. (These two are also
 *   refused in any input before a procedure runs, server/trpc.ts, with the same key.)
 * - A required text counts only what can be seen: white space and the characters Unicode says
 *   to ignore when nothing renders them (zero-width spaces and joiners, soft hyphen, BOM,
 *   variation selectors…) do not make a title.
 */

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for.
const NUL = /\u0000/;
const LONE_SURROGATE = /\p{Surrogate}/u;
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;

/** Characters of `text` that show something. */
export function visibleLength(text: string): number {
  return text.replace(INVISIBLE, '').length;
}

/** The refinement every stored text gets; usable on any string schema (a URL's too). */
export function refuseHiddenCharacters(text: string, ctx: RefinementCtx<string>): void {
  if (NUL.test(text) || LONE_SURROGATE.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'errors.invalidText', input: text });
  } else if (BIDI_CONTROLS.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'errors.hiddenCharacters', input: text });
  }
}

export interface StoredTextOptions {
  /** Most characters. */
  max: number;
  /** Fewest characters that show something; 0 (the default) lets it be empty. */
  min?: number;
  /** The message key when fewer than `min` show: `errors.required` unless the field has its own. */
  minMessage?: string;
  /** The message key when longer than `max`. */
  maxMessage?: string;
  /** Trim white space at both ends (the default); a source's or an article's text is kept as pasted. */
  trim?: boolean;
}

/** A text field that is stored: the rules above, trimmed unless told, at most `max` long. */
export function storedText({
  max,
  min = 0,
  minMessage = 'errors.required',
  maxMessage,
  trim = true,
}: StoredTextOptions) {
  const base = trim ? z.string().trim() : z.string();
  const bounded = base.max(max, maxMessage).superRefine(refuseHiddenCharacters);
  return min > 0 ? bounded.refine((text) => visibleLength(text) >= min, minMessage) : bounded;
}
