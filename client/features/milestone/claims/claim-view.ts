import type { TFunction } from 'i18next';
import type { ClaimRank } from '../../../../shared/claim-words';
import { formatDay, type Language } from '../../../../shared/date-label';
import { claimedDateLabel } from '../../../lib/claimed-date';
import type { MilestoneDetailsData } from '../edit/draft';

export type ClaimView = MilestoneDetailsData['claims'][number];

const RANK_ORDER: Record<ClaimRank, number> = { current: 0, other: 1, superseded: 2 };

/** Current first, then those in consideration, then the superseded; each group oldest statement first, undated last. */
export function claimsInOrder(claims: ClaimView[]): ClaimView[] {
  return [...claims].sort(
    (a, b) =>
      RANK_ORDER[a.rank] - RANK_ORDER[b.rank] ||
      (a.statedOn ?? '9999').localeCompare(b.statedOn ?? '9999') ||
      a.id - b.id,
  );
}

/** What the claim says, in words: "не позднее 2031" or the status's name. */
export function claimSays(claim: ClaimView, language: Language, t: TFunction): string {
  if (claim.planned) return claimedDateLabel(claim.planned, language, t);
  if (claim.status) return t(`status.${claim.status}`);
  return '—';
}

/** "ТАСС, 25 октября 2025 г." — who said it and when, or plainly that these are not known. */
export function claimStatedOn(claim: ClaimView, language: Language, t: TFunction): string {
  return claim.statedOn ? formatDay(claim.statedOn, language) : t('claims.undatedStatement');
}

export function claimSourceName(claim: ClaimView, t: TFunction): string {
  return claim.source.publisher ?? t('details.publisherUnknown');
}

/** Who said it, in a word: the publisher, or the source's title when no publisher is known. */
export function claimVoice(claim: ClaimView): string {
  return claim.source.publisher ?? claim.source.title;
}
