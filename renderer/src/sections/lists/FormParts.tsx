// The pieces every list form is built of (融资需求, 上市后备库, 奖补兑现): a labelled text or date field, a labelled
// choice, the save/cancel row with the service's message, a toolbar filter "类别：全部", and one submit hook
// that shows the service's refusal in place and keeps the form as typed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** A form control's value, trimmed. */
export const fieldValue = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();

export function useSubmit<T>(done: (value: T) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (work: () => Promise<T>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(await work());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

interface TextProps {
  label: string;
  name: string;
  defaultValue?: string | number | null;
  type?: 'text' | 'date' | 'number';
  required?: boolean;
  testId?: string;
}

export function TextField({ label, name, defaultValue, type = 'text', required, testId }: TextProps) {
  return (
    <label>
      {label}
      <input name={name} type={type} required={required} defaultValue={defaultValue ?? ''} data-testid={testId} />
    </label>
  );
}

interface ChoiceProps {
  label: string;
  name: string;
  choices: readonly string[];
  defaultValue?: string | null;
  /** Adds a "—" choice meaning none. */
  optional?: boolean;
  /** What a choice reads as, when not itself. */
  text?: (choice: string) => string;
  testId?: string;
}

export function ChoiceField({ label, name, choices, defaultValue, optional, text, testId }: ChoiceProps) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue ?? (optional ? '' : choices[0])} data-testid={testId}>
        {optional && <option value="">—</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {text ? text(c) : c}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FormActions({ saveTestId, busy, onCancel, error }: { saveTestId: string; busy?: boolean; onCancel: () => void; error: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="lists-form-actions">
        <button type="submit" disabled={busy} data-testid={saveTestId}>
          {t('lists.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('lists.cancel')}
        </button>
      </div>
      <FormError error={error} />
    </>
  );
}

export const FormError = ({ error }: { error: string | null }) => (error ? <p className="error" role="alert">{error}</p> : null);

/** A toolbar filter: "用途：全部" or one of the choices. */
export function FilterSelect<T extends string>(p: { label: string; value: T | '' | undefined; choices: readonly T[]; onChange: (v: T | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <select value={p.value ?? ''} onChange={(e) => p.onChange((e.target.value || undefined) as T | undefined)} data-testid={p.testId} aria-label={p.label}>
      <option value="">{`${p.label}：${t('lists.all')}`}</option>
      {p.choices.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  );
}
