import { useTranslation } from 'react-i18next';
import type { PoolRowT } from '../../../db/contract';

type Title = PoolRowT['titles'][number];

// Highest titles first, so the chip a reader sees first is the one that matters.
const ORDER = ['champion_national', 'leader_national', 'champion_provincial', 'leader_provincial', 'little_giant', 'srdi_provincial', 'gazelle_provincial', 'innovative_sme', 'high_tech', 'tech_innovation_demo', 'ip_advantage', 'ip_demo'];

/** A three-year recognition obtained before asOf − 2 has lapsed (unless re-recognised, which moves its year). */
export const isLapsed = (x: Title, asOf: number | null | undefined): boolean => x.validUntil != null && asOf != null && asOf > x.validUntil;

export function TitleChips({ titles, asOf }: { titles: Title[]; asOf?: number | null }) {
  const { t } = useTranslation();
  const sorted = [...titles].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  return (
    <span className="chips">
      {sorted.map((x) => {
        const lapsed = isLapsed(x, asOf);
        const name = `${t(`titles.${x.code}`)}${x.year ? ` (${x.year})` : ''}`;
        return (
          <span key={x.code} className={`chip chip-${x.code}${lapsed ? ' is-lapsed' : ''}`} title={lapsed ? t('titleLapsed.long', { name, until: x.validUntil }) : name} data-lapsed={lapsed || undefined}>
            {t(`titleShort.${x.code}`)}
            {lapsed && <span className="chip-lapsed">{t('titleLapsed.short')}</span>}
          </span>
        );
      })}
    </span>
  );
}
