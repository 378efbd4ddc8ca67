// A question asked on the page before an action that replaces data (the desktop shell has no window.confirm).
// `children` shows what the action would do; `alt` is a second way to say yes (e.g. revert later edits too).
import type { ReactNode } from 'react';

interface Props {
  text: string;
  yes: string;
  no: string;
  /** Shown on the yes button while the action runs. */
  busyText: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  testId: string;
  children?: ReactNode;
  alt?: { label: string; onClick: () => void };
}

export function Confirm({ text, yes, no, busyText, busy, onYes, onNo, testId, children, alt }: Props) {
  return (
    <div className="rf-confirm" role="alertdialog" aria-label={text} data-testid={testId}>
      <span>{text}</span>
      {children}
      <span className="rf-confirm-actions">
        <button type="button" className="rf-danger" onClick={onYes} disabled={busy}>
          {busy ? busyText : yes}
        </button>
        {alt && (
          <button type="button" className="rf-danger" onClick={alt.onClick} disabled={busy}>
            {alt.label}
          </button>
        )}
        <button type="button" onClick={onNo} disabled={busy}>
          {no}
        </button>
      </span>
    </div>
  );
}
