import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Option<T> {
  value: T;
  label: string;
}

interface CheckboxMenuProps<T extends string | number> {
  label: string;
  options: Option<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  testId?: string;
  /**
   * What nothing chosen means: for a filter, every value ("all", the default); for a list such
   * as a milestone's predecessors, none ("none").
   */
  emptyLabel?: string;
}

/** A filter that takes several values: a disclosure with checkboxes, usable by keyboard and screen reader. */
export function CheckboxMenu<T extends string | number>({
  label,
  options,
  selected,
  onChange,
  testId,
  emptyLabel,
}: CheckboxMenuProps<T>) {
  const { t } = useTranslation();
  const id = useId();
  const summary =
    selected.length === 0 ? (emptyLabel ?? t('filters.any')) : t('filters.selected', { count: selected.length });
  return (
    <details className="checkbox-menu" data-testid={testId}>
      <summary>
        {label}: <span className="checkbox-menu-value">{summary}</span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {options.map((option) => {
          const checked = selected.includes(option.value);
          const inputId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="checkbox-menu-option">
              <input
                id={inputId}
                type="checkbox"
                checked={checked}
                onChange={() =>
                  onChange(checked ? selected.filter((v) => v !== option.value) : [...selected, option.value])
                }
              />
              <label htmlFor={inputId}>{option.label}</label>
            </div>
          );
        })}
      </fieldset>
    </details>
  );
}
