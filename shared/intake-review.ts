import { z } from 'zod';
import { reasonSchema } from './changes';
import { claimedDateSchema } from './claims';
import { idSchema } from './milestone';
import { participantKindSchema, participantRoleSchema } from './participant';
import { calendarDateSchema } from './precision';
import { sourceKindSchema } from './source';
import { statusSchema } from './status';
import { refuseHiddenCharacters, storedText } from './text';

/**
 * The intake procedures' inputs (DESIGN.md, Intake): analyse a pasted article into a draft,
 * apply what the planner accepted of it in one transaction, or discard it.
 */

/**
 * The largest article the analyser takes: a long interview with room to spare, and well within
 * what a source may keep as its text (MAX_SNAPSHOT_CHARS); larger gets a clear refusal.
 */
export const MAX_ARTICLE_CHARS = 60_000;

export const intakeAnalyzeSchema = z.object({
  // Kept as pasted: every proposal's quote is the text between two of its offsets.
  text: storedText({ max: MAX_ARTICLE_CHARS, maxMessage: 'errors.articleTooLong', min: 1, trim: false }),
  publishedOn: calendarDateSchema.nullable().optional(),
  publisher: storedText({ max: 200 }).nullable().optional(),
  title: storedText({ max: 500 }).nullable().optional(),
});
export type IntakeAnalyzeInput = z.infer<typeof intakeAnalyzeSchema>;

/** One accepted proposal, with whatever the planner changed in it; the quote stays the article's. */
export const intakeAcceptedSchema = z.object({
  id: z.string().min(1).max(40),
  /** The version of the milestone the planner reviewed: a newer one is a conflict on this proposal. */
  version: z.number().int().positive().optional(),
  milestoneId: idSchema.nullable().optional(),
  planned: claimedDateSchema.optional(),
  status: statusSchema.optional(),
  /** A date or status accepted becomes the milestone's current claim unless the planner says not. */
  makeCurrent: z.boolean().default(true),
  newTitle: storedText({ max: 300, min: 1 }).optional(),
  workstreamId: idSchema.optional(),
  participant: z.object({ id: idSchema.nullable(), name: storedText({ max: 300, min: 1 }) }).optional(),
  participantKind: participantKindSchema.optional(),
  role: participantRoleSchema.optional(),
});
export type IntakeAccepted = z.infer<typeof intakeAcceptedSchema>;

export const intakeApplySchema = z.object({
  draftId: idSchema,
  source: z.object({
    title: storedText({ max: 500, min: 1 }),
    publisher: storedText({ max: 200 }).nullable().optional(),
    publishedOn: calendarDateSchema.nullable().optional(),
    kind: sourceKindSchema.default('news_agency'),
    url: z
      .url({ protocol: /^https?$/, message: 'errors.url' })
      .max(2000)
      .superRefine(refuseHiddenCharacters)
      .nullable()
      .optional(),
  }),
  accepted: z.array(intakeAcceptedSchema).max(200),
  reason: reasonSchema,
});
export type IntakeApplyInput = z.infer<typeof intakeApplySchema>;

export const intakeDiscardSchema = z.object({ draftId: idSchema });
