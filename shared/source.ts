import { z } from 'zod';
import { calendarDateSchema } from './precision';
import { refuseHiddenCharacters, storedText } from './text';

const optionalText = (max: number) =>
  storedText({ max })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** What kind of voice a source is: it weighs in the confidence of the dates it backs. */
export const SOURCE_KINDS = ['official', 'news_agency', 'other_media', 'opinion', 'unknown'] as const;
export const sourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof sourceKindSchema>;

/** A new source: the publication date and URL are optional because many sources give neither. */
export const sourceCreateSchema = z.object({
  publisher: optionalText(200),
  title: storedText({ max: 500, min: 1 }),
  publishedOn: calendarDateSchema.nullable().optional(),
  // Only web addresses: a javascript: or data: URL in a link would run in the reader's page.
  url: z
    .url({ protocol: /^https?$/, message: 'errors.url' })
    .max(2000)
    .superRefine(refuseHiddenCharacters)
    .nullable()
    .optional(),
  note: optionalText(1000),
  /** Unknown unless said: the kind weighs in the confidence of the dates it backs. */
  kind: sourceKindSchema.optional(),
});
export type SourceCreateInput = z.infer<typeof sourceCreateSchema>;
