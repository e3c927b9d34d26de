import type { Confidence, ConfidenceReason, DateMove } from './claims';
import { slipAmount } from './claims';
import type { Language } from './date-label';
import { en } from './i18n/en';
import { type Messages, ru } from './i18n/ru';

/**
 * Confidence reasons and slips in words, in either language, from the same messages the screen
 * uses (plural forms as i18next names them: `_one`, `_few`, `_many`, `_other`). The server
 * answers with these words, the CSV carries them, and the client shows them as they come.
 */

const messages: Record<Language, Messages> = { ru, en };

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** One rule object per language: building an Intl.PluralRules costs more than the CSV row it serves. */
const pluralRules: Record<Language, Intl.PluralRules> = {
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};

function plural(table: Record<string, unknown>, key: string, count: number, language: Language): string {
  const form = pluralRules[language].select(count);
  const template = (table[`${key}_${form}`] ?? table[`${key}_other`]) as string;
  return fill(template, { count });
}

export function reasonText(reason: ConfidenceReason, language: Language): string {
  const r = messages[language].confidence.reasons;
  switch (reason.key) {
    case 'backers':
      return plural(r, 'backers', reason.count, language);
    case 'slipped':
      return plural(r, 'slipped', reason.count, language);
    case 'strongestKind':
      return r.strongestKind[reason.kind];
    case 'stale':
    case 'fresh':
      return fill(r[reason.key], { months: reason.months });
    default:
      return r[reason.key];
  }
}

export function confidenceInWords(confidence: Confidence, language: Language) {
  return { level: confidence.level, reasons: confidence.reasons.map((r) => reasonText(r, language)) };
}

/** "slipped by at least 1 year", "date refined", … */
export function moveText(move: DateMove, language: Language): string {
  const s = messages[language].slip;
  if (move.kind !== 'slipped' && move.kind !== 'earlier') return s[move.kind];
  const { unit, count } = slipAmount(move.days);
  return fill(s[move.kind], { amount: plural(s as unknown as Record<string, unknown>, unit, count, language) });
}
