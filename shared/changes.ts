import { z } from 'zod';
import { citationClaimSchema } from './citation';
import { idSchema } from './milestone';
import { participantRoleSchema } from './participant';
import { calendarDateSchema, plannedDateSchema } from './precision';
import { sourceCreateSchema } from './source';
import { statusSchema } from './status';
import { storedText } from './text';

/** Why a change was made: every change a planner saves carries one. */
export const reasonSchema = storedText({ max: 2000, min: 3, minMessage: 'errors.reasonRequired' });

/** A verbatim quote: what shows of it is what was said (no hidden characters, shared/text.ts). */
export const quoteSchema = storedText({ max: 2000, min: 1, minMessage: 'errors.quoteRequired' });

/** The source backing a change: one already known, or one entered on the spot. */
export const citationInputSchema = z.union([
  z.object({ sourceId: idSchema, quote: quoteSchema }),
  z.object({ newSource: sourceCreateSchema, quote: quoteSchema }),
]);
export type CitationInput = z.infer<typeof citationInputSchema>;

export const participantRoleInputSchema = z.object({ participantId: idSchema, role: participantRoleSchema });

const editableFields = {
  title: storedText({ max: 300, min: 1 }),
  titleEn: storedText({ max: 300 }).nullable(),
  description: storedText({ max: 5000 }),
  expectedResult: storedText({ max: 5000 }),
  status: statusSchema,
  planned: plannedDateSchema.nullable(),
  actualDate: calendarDateSchema.nullable(),
  workstreamId: idSchema.nullable(),
  regionId: idSchema.nullable(),
  site: storedText({ max: 500 }).nullable(),
  participants: z.array(participantRoleInputSchema).max(100),
  predecessorIds: z.array(idSchema).max(100),
};

export type EditableField = keyof typeof editableFields;
export const EDITABLE_FIELDS = Object.keys(editableFields) as EditableField[];

/** Changing these changes what the roadmap promises; they need a source, not only a reason. */
export const CITED_FIELDS = ['status', 'planned', 'actualDate'] as const satisfies readonly EditableField[];

/** The fields among `changed` that move a promise, and so need a citation. */
export function citedFieldsOf(changed: readonly string[]): EditableField[] {
  return changed.filter((f): f is EditableField => (CITED_FIELDS as readonly string[]).includes(f));
}

/**
 * The two rules every change obeys, wherever it is made (the edit form before it sends, the
 * server before it writes, the CSV import per file): it changes something, and a change that
 * moves a date or a status names its source. The message keys are the ones the screen shows.
 */
export function changeRuleBroken(
  changed: readonly string[],
  hasCitation: boolean,
): 'errors.noChanges' | 'errors.citationRequired' | null {
  if (!changed.length) return 'errors.noChanges';
  if (!hasCitation && citedFieldsOf(changed).length) return 'errors.citationRequired';
  return null;
}

export const milestoneUpdateSchema = z.object({
  id: idSchema,
  /** The version the planner's form was based on; a newer one in the database means a conflict. */
  version: z.number().int().positive(),
  reason: reasonSchema,
  citation: citationInputSchema.optional(),
  ...z.object(editableFields).partial().shape,
});
export type MilestoneUpdateInput = z.infer<typeof milestoneUpdateSchema>;

export const milestoneCreateSchema = z.object({
  reason: reasonSchema,
  citation: citationInputSchema,
  title: editableFields.title,
  titleEn: editableFields.titleEn.optional(),
  description: editableFields.description.optional(),
  expectedResult: editableFields.expectedResult.optional(),
  status: statusSchema.default('planned'),
  planned: editableFields.planned.optional(),
  actualDate: editableFields.actualDate.optional(),
  workstreamId: idSchema,
  regionId: idSchema.nullable().optional(),
  site: editableFields.site.optional(),
  participants: editableFields.participants.optional(),
});
export type MilestoneCreateInput = z.infer<typeof milestoneCreateSchema>;

export const citationCreateSchema = z.object({
  milestoneId: idSchema,
  claim: citationClaimSchema.exclude(['role']),
  citation: citationInputSchema,
  reason: reasonSchema,
});

export const sourceCreateWithReasonSchema = sourceCreateSchema.extend({ reason: reasonSchema });
