// The re-check flags of one member, each with its value the year before and now.
import { useTranslation } from 'react-i18next';
import type { MethodOutput, VerdictT } from '../../../../../db/contract';
import { formatMoney, formatPercent, type Lang } from '../../../format';

type Flag = MethodOutput<'poolYear.recheck'>['firms'][number]['flags'][number];

export function FlagList({ flags }: { flags: Flag[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (!flags.length) return <span className="muted">{t('refresh.poolYear.members.noFlags')}</span>;
  const text = (f: Flag, v: Flag['before']) => {
    if (v == null) return '—';
    if (f.kind === 'share_fell') return formatPercent(Number(v));
    if (f.kind === 'profit_fell') return formatMoney(Number(v), lang);
    return t(`verdicts.${v as VerdictT}`);
  };
  return (
    <ul className="rf-flags">
      {flags.map((f) => (
        <li key={f.kind} data-flag={f.kind}>
          {t(`refresh.poolYear.members.flag.${f.kind}`, { before: text(f, f.before), after: text(f, f.after) })}
        </li>
      ))}
    </ul>
  );
}
