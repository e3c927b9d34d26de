import type { CitationClaim } from '../shared/citation';
import type { ParticipantKind, ParticipantRole } from '../shared/participant';
import type { PlannedDate } from '../shared/precision';
import type { SourceKind } from '../shared/source';
import type { Status } from '../shared/status';

/**
 * The shape of the cluster's seed data. Every quote is copied character for character from
 * the source it names; the data carries no URL and no date that its source does not give.
 */
export interface SeedSource {
  key: string;
  publisher: string | null;
  title: string;
  publishedOn: string | null;
  note: string | null;
  kind: SourceKind;
}

export interface SeedQuote {
  source: string;
  quote: string;
}

export interface SeedNamed {
  key: string;
  nameRu: string;
  nameEn: string;
}

export interface SeedParticipant extends SeedNamed {
  kind: ParticipantKind;
}

export interface SeedParticipantRole {
  participant: string;
  role: ParticipantRole;
  citations: SeedQuote[];
}

export interface SeedMilestone {
  key: string;
  titleRu: string;
  titleEn: string;
  description: string;
  expectedResult: string;
  workstream: string;
  region: string | null;
  site: string | null;
  status: Status;
  planned: PlannedDate | null;
  actualDate: string | null;
  citations: (SeedQuote & { claim: Exclude<CitationClaim, 'role'> })[];
  participants: SeedParticipantRole[];
}

export interface SeedData {
  sources: SeedSource[];
  workstreams: SeedNamed[];
  regions: SeedNamed[];
  participants: SeedParticipant[];
  milestones: SeedMilestone[];
}
