import { z } from 'zod';
import { calendarDateSchema } from './precision';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
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
  title: z.string().trim().min(1, 'errors.required').max(500),
  publishedOn: calendarDateSchema.nullable().optional(),
  // Only web addresses: a javascript: or data: URL in a link would run in the reader's page.
  url: z
    .url({ protocol: /^https?$/, message: 'errors.url' })
    .max(2000)
    .nullable()
    .optional(),
  note: optionalText(1000),
  /** Unknown unless said: the kind weighs in the confidence of the dates it backs. */
  kind: sourceKindSchema.optional(),
});
export type SourceCreateInput = z.infer<typeof sourceCreateSchema>;
