// Changing one member's status (kept, graduated, removed, new) — always with the reason, which is audited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../db/contract';
import { call } from '../../../api';
import { ServiceError } from '../ServiceError';

type Member = MethodOutput<'poolYear.recheck'>['firms'][number];
type Status = Member['status'];
const CHOICES: Status[] = ['kept', 'graduated', 'removed', 'new'];

export function MemberEditor({ year, firm, onSaved }: { year: number; firm: Member; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>(firm.status === 'member' ? 'kept' : firm.status);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const save = async () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await call('poolYear.setMember', { year, firmId: firm.firmId, status, reason: reason.trim() });
      setReason('');
      setOpen(false);
      onSaved(t('refresh.poolYear.members.saved', { name: firm.name, status: t(`pool.status.${r.status}`), reason: r.reason }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={t('refresh.poolYear.members.changeFor', { name: firm.name })} data-testid="rf-member-change">
        {t('refresh.poolYear.members.change')}
      </button>
    );
  return (
    <div className="rf-member-editor">
      <select autoFocus value={status} onChange={(e) => setStatus(e.target.value as Status)} aria-label={t('refresh.poolYear.members.statusOf', { name: firm.name })} data-testid="rf-member-status">
        {CHOICES.map((s) => (
          <option key={s} value={s}>
            {t(`pool.status.${s}`)}
          </option>
        ))}
      </select>
      <input
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
        placeholder={t('refresh.poolYear.members.reasonPlaceholder')}
        aria-label={t('refresh.poolYear.members.reasonOf', { name: firm.name })}
        aria-invalid={missing || undefined}
        maxLength={300}
        className={missing ? 'is-invalid' : undefined}
        data-testid="rf-member-reason"
      />
      <button type="button" onClick={() => void save()} disabled={busy} aria-label={t('refresh.poolYear.members.saveFor', { name: firm.name })} data-testid="rf-member-save">
        {t('refresh.poolYear.members.save')}
      </button>
      <button type="button" onClick={() => setOpen(false)} disabled={busy}>
        {t('refresh.poolYear.members.cancel')}
      </button>
      {missing && (
        <span className="rf-error-text" role="alert">
          {t('refresh.poolYear.members.needReason')}
        </span>
      )}
      {error != null && <ServiceError error={error} />}
    </div>
  );
}
