import { z } from 'zod';
import { claimedDateSchema } from './claims';
import { idSchema } from './milestone';
import { participantRoleSchema } from './participant';
import { calendarDateSchema } from './precision';
import { statusSchema } from './status';

/**
 * What the news intake proposes from one article (DESIGN.md, Intake): the analyser in
 * server/services/intake/analyze/ produces these, the review screen shows them and
 * `intake.apply` writes the accepted ones. Every proposal carries a verbatim quote with its
 * offsets in the article, so `quote === text.slice(quoteStart, quoteEnd)` can be checked
 * anywhere, and a `why` that is an i18n key (`intake.why.*`) with its parameters.
 */

export const INTAKE_PROPOSAL_KINDS = ['date', 'status', 'participant', 'new'] as const;
export const intakeProposalKindSchema = z.enum(INTAKE_PROPOSAL_KINDS);
export type IntakeProposalKind = z.infer<typeof intakeProposalKindSchema>;

/** The reasons the analyser gives, each an i18n key under `intake.why` (shared/i18n). */
export const INTAKE_WHY_KEYS = [
  'intake.why.dateForMilestone',
  'intake.why.dateMoved',
  'intake.why.dateSame',
  'intake.why.statusCue',
  'intake.why.eventDone',
  'intake.why.participantRole',
  'intake.why.participantMentioned',
  'intake.why.participantNew',
  'intake.why.newMilestone',
] as const;
export const intakeWhySchema = z.enum(INTAKE_WHY_KEYS);
export type IntakeWhy = z.infer<typeof intakeWhySchema>;

export const intakeProposalSchema = z
  .object({
    id: z.string().min(1).max(40),
    kind: intakeProposalKindSchema,
    quote: z.string().min(1),
    quoteStart: z.number().int().nonnegative(),
    quoteEnd: z.number().int().positive(),
    /** The existing milestone the finding belongs to; null for a new milestone or when none was recognised. */
    milestoneId: idSchema.nullable(),
    /** Kind `new`: the title proposed for the new milestone, built from the sentence. */
    newTitle: z.string().min(1).max(300).optional(),
    planned: claimedDateSchema.optional(),
    status: statusSchema.optional(),
    /**
     * When the text reports a status `done` as an event with its day («подписали в четверг»):
     * the day it happened. An addition to the DESIGN.md list, optional, so that reached events
     * keep their date without being mistaken for a planned date.
     */
    actualDate: calendarDateSchema.optional(),
    participant: z.object({ id: idSchema.nullable(), name: z.string().min(1).max(300) }).optional(),
    role: participantRoleSchema.optional(),
    /**
     * A participant named in the same sentence as a proposed new milestone: the id of that `new`
     * proposal, since the milestone has no id before it is applied. Also an addition to DESIGN.md.
     */
    forProposal: z.string().min(1).max(40).optional(),
    /** How sure the analyser is, 0..1: the milestone match times the strength of the cue. */
    score: z.number().min(0).max(1),
    why: intakeWhySchema,
    whyParams: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .refine((p) => p.quoteEnd > p.quoteStart && p.quoteEnd - p.quoteStart === p.quote.length, {
    message: 'errors.invalidInput',
    path: ['quoteEnd'],
  });
export type IntakeProposal = z.infer<typeof intakeProposalSchema>;

/** The source metadata read from the article, for the planner to confirm; null when the text does not say. */
export const intakeSourceSchema = z.object({
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedOn: calendarDateSchema.nullable(),
});
export type IntakeSource = z.infer<typeof intakeSourceSchema>;
