import { type FormEvent, useState } from 'react';

/** Whether an error keyed `key` is about the field named `field`, or about a group it is in. */
const concerns = (key: string, field: string) =>
  key === field || key.startsWith(`${field}.`) || field.startsWith(`${key}.`);

/** The field an element is, as the form's errors name it: its `data-error-key`, else its name. */
export function errorKeyOf(target: EventTarget): string | null {
  const element = target as HTMLElement;
  return element.dataset?.errorKey ?? element.getAttribute?.('name') ?? null;
}

/**
 * `shown` without the messages about the field an input event came from (and the group it is
 * in); the same object when there were none, so a state holding it does not change.
 */
export function withoutMessagesOf(shown: Record<string, string>, target: EventTarget): Record<string, string> {
  const field = errorKeyOf(target);
  if (!field) return shown;
  const left = Object.entries(shown).filter(([key]) => key === 'form' || !concerns(key, field));
  return left.length === Object.keys(shown).length ? shown : Object.fromEntries(left);
}

/**
 * A form's messages by field, as the shared schema names them ('reason', 'planned.end',
 * 'citation.quote'), and the form's `onInput`: a field the planner changes loses its message,
 * and so does the group it belongs to, while the others stay until the next save says again.
 * A field names itself by `data-error-key`, else by its name. The form's own message stays.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    const target = e.target;
    setErrors((shown) => withoutMessagesOf(shown, target));
  };
  return { errors, setErrors, onInput };
}
