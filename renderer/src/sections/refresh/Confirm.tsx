// A question asked on the page before an action that replaces data (the desktop shell has no window.confirm).
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
}

export function Confirm({ text, yes, no, busyText, busy, onYes, onNo, testId }: Props) {
  return (
    <div className="rf-confirm" role="alertdialog" aria-label={text} data-testid={testId}>
      <span>{text}</span>
      <span className="rf-confirm-actions">
        <button type="button" className="rf-danger" onClick={onYes} disabled={busy}>
          {busy ? busyText : yes}
        </button>
        <button type="button" onClick={onNo} disabled={busy}>
          {no}
        </button>
      </span>
    </div>
  );
}
