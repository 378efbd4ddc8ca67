// 区县公钥: the districts' public keys this file holds. With one held, a package of that district must carry a
// signature the key verifies or the merge refuses it; the preview then says 签名已核验. The key is pasted as the
// PEM text `champion-pool package keygen` wrote (公钥.pem), and its fingerprint shown to compare by phone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import './package.css';

export function KeysCard({ refresh, onChanged }: { refresh: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [local, setLocal] = useState(0);
  const keys = useAsync(() => call('package.keys', {}), [refresh, local]);
  const [district, setDistrict] = useState('');
  const [pem, setPem] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string) => {
    setDone(message);
    setLocal((n) => n + 1);
    onChanged();
  };
  const save = async () => {
    setError(null);
    setDone(null);
    try {
      const k = await call('package.saveKey', { district: district.trim(), pem });
      setDistrict('');
      setPem('');
      changed(t('package.keys.saved', { district: k.district, fingerprint: k.fingerprint }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (d: string) => {
    setError(null);
    await call('package.deleteKey', { district: d }).then(() => changed(t('package.keys.removed', { district: d })), (e: Error) => setError(e.message));
  };
  return (
    <section className="card pk-card" aria-labelledby="pk-keys-h" data-testid="pk-keys">
      <h2 id="pk-keys-h">{t('package.keys.heading')}</h2>
      <p className="muted">{t('package.keys.hint')}</p>
      {keys.data && keys.data.length === 0 && <p className="muted">{t('package.keys.none')}</p>}
      {keys.data && keys.data.length > 0 && (
        <ul className="pk-list">
          {keys.data.map((k) => (
            <li key={k.district} data-testid="pk-key-row">
              {k.district} <code>{k.fingerprint}</code>{' '}
              <span className="muted">{t('package.keys.added', { by: k.addedBy, at: formatDateTime(k.addedAt, i18n.language as Lang) })}</span>{' '}
              <button type="button" onClick={() => void remove(k.district)} data-testid="pk-key-remove">
                {t('package.keys.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="pk-key-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('package.keys.district')}
          <input value={district} onChange={(e) => setDistrict(e.target.value)} required placeholder={t('package.export.districtPlaceholder')} data-testid="pk-key-district" />
        </label>
        <label>
          {t('package.keys.pem')}
          <textarea value={pem} onChange={(e) => setPem(e.target.value)} required rows={4} placeholder="-----BEGIN PUBLIC KEY-----" data-testid="pk-key-pem" />
        </label>
        <button type="submit" data-testid="pk-key-save">
          {t('package.keys.save')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="pk-key-error">
          {error}
        </p>
      )}
      {done && (
        <p className="pk-ok" role="status" data-testid="pk-key-done">
          {done}
        </p>
      )}
    </section>
  );
}
