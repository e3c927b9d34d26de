import { z } from 'zod';
import { reasonSchema } from './changes';
import { idSchema } from './milestone';
import { storedText } from './text';

/** The largest article or source text kept: a long interview, with room to spare. */
export const MAX_SNAPSHOT_CHARS = 200_000;

/** Kept as pasted (not trimmed): quotes are found in it by their place. */
export const snapshotTextSchema = storedText({
  max: MAX_SNAPSHOT_CHARS,
  maxMessage: 'errors.textTooLong',
  min: 1,
  trim: false,
});

export const snapshotAttachSchema = z.object({ sourceId: idSchema, text: snapshotTextSchema, reason: reasonSchema });
export const snapshotPurgeSchema = z.object({ sourceId: idSchema, reason: reasonSchema });

/**
 * The form in which a quote is looked for in its source's text: white space folded (a line
 * break in the article may be a space in the quote), nothing else forgiven.
 */
export function foldSpaces(text: string): string {
  return text.replace(/[\s\u00a0]+/gu, ' ').trim();
}

export function quoteIsIn(text: string, quote: string): boolean {
  return foldSpaces(text).includes(foldSpaces(quote));
}
