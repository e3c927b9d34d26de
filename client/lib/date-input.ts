import type { TFunction } from 'i18next';
import { errorKeyOf } from './use-field-errors';

/**
 * The date fields of a form that hold a date the browser cannot read: one not finished (a part
 * typed over or erased) or one that does not exist. Such a field reads '' as if it were empty,
 * so without this check a save would quietly clear the very date the planner meant to correct.
 * Named as the form names its errors (errorKeyOf).
 */
export function unreadableDateFields(form: Element): string[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type="date"]')]
    .filter((input) => input.validity.badInput)
    .map((input) => errorKeyOf(input) ?? '');
}

/** The same as the messages of a form whose errors are words by field. */
export function unreadableDates(form: Element, t: TFunction): Record<string, string> {
  return Object.fromEntries(unreadableDateFields(form).map((field) => [field, t('errors.dateUnreadable')]));
}
