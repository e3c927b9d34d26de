import type { TFunction } from 'i18next';
import { formatDay, formatPlannedDate, type Language } from '../../shared/date-label';
import type { PlannedDate } from '../../shared/precision';
import { claimedDateLabel } from './claimed-date';

interface Names {
  workstream: (id: number) => string;
  region: (id: number) => string;
  participant: (id: number) => string;
  milestone: (id: number) => string;
}

/** A field's value as a person reads it, for the conflict view and the history screen. */
export function displayValue(field: string, value: unknown, t: TFunction, language: Language, names: Names): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'status':
      return t(`status.${value as string}`);
    case 'planned': {
      const p = value as PlannedDate;
      return formatPlannedDate(p.start, p.precision, language);
    }
    case 'actualDate':
      return formatDay(value as string, language);
    case 'workstreamId':
      return names.workstream(value as number);
    case 'regionId':
      return names.region(value as number);
    case 'participants':
      return (
        (value as { participantId: number; role: string }[])
          .map((r) => `${names.participant(r.participantId)} (${t(`role.${r.role}`)})`)
          .join(', ') || '—'
      );
    case 'predecessorIds':
      return (value as number[]).map(names.milestone).join(', ') || '—';
    case 'claim': {
      // A source's claim as history keeps it: its date (with its qualifier) or status, and when said.
      const claim = value as {
        planned?: Parameters<typeof claimedDateLabel>[0] | null;
        status?: string | null;
        statedOn?: string | null;
      };
      const said = claim.planned
        ? claimedDateLabel(claim.planned, language, t)
        : claim.status
          ? t(`status.${claim.status}`)
          : '—';
      return claim.statedOn
        ? `${said}; ${t('claims.statedOn').toLowerCase()} ${formatDay(claim.statedOn, language)}`
        : said;
    }
    case 'rank':
      return t(`claims.rank.${value as string}`);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
