import type { MilestoneUpdateInput } from '../../../../shared/changes';
import type { RouterOutputs } from '../../../lib/trpc';

export type MilestoneDetailsData = RouterOutputs['milestone']['byId'];

/** The editable values of a milestone, as the form holds them. */
export type Draft = Required<Omit<MilestoneUpdateInput, 'id' | 'version' | 'reason' | 'citation'>>;

export function draftOf(m: MilestoneDetailsData): Draft {
  return {
    title: m.title,
    titleEn: m.titleEn,
    description: m.description,
    expectedResult: m.expectedResult,
    status: m.status,
    planned:
      m.plannedStart && m.plannedEnd && m.plannedPrecision
        ? { start: m.plannedStart, end: m.plannedEnd, precision: m.plannedPrecision }
        : null,
    actualDate: m.actualDate,
    workstreamId: m.workstream?.id ?? null,
    regionId: m.region?.id ?? null,
    site: m.site,
    participants: m.participants.map((p) => ({ participantId: p.participantId, role: p.role })),
    predecessorIds: m.predecessors.map((p) => p.id),
  };
}

const normalised = (field: keyof Draft, value: unknown): string => {
  if (field === 'participants') {
    return JSON.stringify([...(value as Draft['participants'])].map((r) => `${r.participantId}:${r.role}`).sort());
  }
  if (field === 'predecessorIds') return JSON.stringify([...(value as number[])].sort((a, b) => a - b));
  if (value === '' || value === undefined) return 'null';
  return JSON.stringify(value);
};

/** Only what the planner changed is sent: the server records one history row per field. */
export function changedFields(original: Draft, draft: Draft): Partial<Draft> {
  const changes: Partial<Draft> = {};
  for (const field of Object.keys(draft) as (keyof Draft)[]) {
    if (normalised(field, original[field]) !== normalised(field, draft[field])) {
      Object.assign(changes, { [field]: draft[field] });
    }
  }
  return changes;
}
