import type { TFunction } from 'i18next';

/**
 * The date fields of a form that hold a date the browser cannot read: one not finished (a part
 * typed over or erased) or one that does not exist. Such a field reads '' as if it were empty,
 * so without this check a save would quietly clear the very date the planner meant to correct.
 * Keyed as the form shows its errors: the field's `data-error-key`, else its name.
 */
export function unreadableDates(form: Element, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="date"]')) {
    if (input.validity.badInput) out[input.dataset.errorKey ?? input.name] = t('errors.dateUnreadable');
  }
  return out;
}
