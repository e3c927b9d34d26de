import { z } from 'zod';

export const PARTICIPANT_KINDS = [
  'company',
  'institute',
  'university',
  'ministry',
  'agency',
  'fund',
  'regional_government',
  'foreign_partners',
  'person',
] as const;
export const participantKindSchema = z.enum(PARTICIPANT_KINDS);
export type ParticipantKind = z.infer<typeof participantKindSchema>;

export const PARTICIPANT_ROLES = ['lead', 'executor', 'partner', 'scientific_partner', 'curator', 'investor'] as const;
export const participantRoleSchema = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;
