import { type FormEvent, useState } from 'react';

/** Whether an error keyed `key` is about the field named `field`, or about a group it is in. */
const concerns = (key: string, field: string) =>
  key === field || key.startsWith(`${field}.`) || field.startsWith(`${key}.`);

/**
 * A form's messages by field, as the shared schema names them ('reason', 'planned.end',
 * 'citation.quote'), and the form's `onInput`: a field the planner changes loses its message,
 * and so does the group it belongs to, while the others stay until the next save says again.
 * A field names itself by `data-error-key`, else by its name. The form's own message stays.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onInput = (e: FormEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    const field = target.dataset.errorKey ?? target.getAttribute('name');
    if (!field) return;
    setErrors((shown) => {
      const left = Object.entries(shown).filter(([key]) => key === 'form' || !concerns(key, field));
      return left.length === Object.keys(shown).length ? shown : Object.fromEntries(left);
    });
  };
  return { errors, setErrors, onInput };
}
