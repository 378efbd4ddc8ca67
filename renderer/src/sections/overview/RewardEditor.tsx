import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, parseFigureInput } from '../../format';
import type { Lang, OverviewData } from './model';

type Reward = OverviewData['rewards']['table'][number];

function RewardRow({ reward, onChanged }: { reward: Reward; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [amount, setAmount] = useState(String(reward.amount));
  const [source, setSource] = useState(reward.source);
  const [state, setState] = useState<{ busy?: boolean; error?: string; saved?: boolean }>({});
  const parsed = parseFigureInput(amount);
  const dirty = parsed !== reward.amount || source.trim() !== reward.source;

  const save = async () => {
    if (typeof parsed !== 'number' || parsed < 0 || parsed > 100000) return setState({ error: t('overview.rewards.invalidAmount') });
    if (!source.trim()) return setState({ error: t('overview.rewards.needSource') });
    setState({ busy: true });
    try {
      await call('overview.setReward', { code: reward.code, amount: parsed, source: source.trim() });
      setState({ saved: true });
      onChanged();
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };

  return (
    <tr data-code={reward.code}>
      <th scope="row">{t(`titles.${reward.code}`)}</th>
      <td>
        <input className="ov-amount-input" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" aria-label={`${t(`titles.${reward.code}`)} ${t('overview.rewards.amount')}`} data-testid={`ov-reward-amount-${reward.code}`} />
        <span className="unit"> {t('overview.rewards.unitWan')}</span>
      </td>
      <td>
        <input className="ov-source-input" value={source} onChange={(e) => setSource(e.target.value)} aria-label={`${t(`titles.${reward.code}`)} ${t('overview.rewards.source')}`} data-testid={`ov-reward-source-${reward.code}`} />
      </td>
      <td className="muted ov-who">
        {reward.updatedBy} · {formatDateTime(reward.updatedAt, lang)}
      </td>
      <td>
        <button type="button" className={dirty ? 'primary' : undefined} disabled={!dirty || state.busy} onClick={() => void save()} data-testid={`ov-reward-save-${reward.code}`}>
          {state.busy ? t('overview.rewards.saving') : t('overview.rewards.save')}
        </button>
        {state.saved && !dirty && <span className="status-line ov-saved"> {t('overview.rewards.saved')}</span>}
        {state.error && (
          <span className="error" role="alert">
            {' '}
            {state.error}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The reward table as the analyst keeps it: amount (万元) and source per title, who changed it last. */
export function RewardEditor({ table, onChanged }: { table: Reward[]; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="ov-editor" data-testid="ov-reward-editor">
      <table className="ov-table">
        <thead>
          <tr>
            <th>{t('overview.rewards.title')}</th>
            <th>{t('overview.rewards.amount')}</th>
            <th>{t('overview.rewards.source')}</th>
            <th>{t('overview.rewards.updated')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {table.map((r) => (
            <RewardRow key={r.code} reward={r} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
