import { useTranslation } from 'react-i18next';
import type { PoolRowT } from '../../../db/contract';

type Title = PoolRowT['titles'][number];

// Highest titles first, so the chip a reader sees first is the one that matters.
const ORDER = ['champion_national', 'leader_national', 'champion_provincial', 'leader_provincial', 'little_giant', 'srdi_provincial', 'gazelle_provincial', 'innovative_sme', 'high_tech'];

export function TitleChips({ titles }: { titles: Title[] }) {
  const { t } = useTranslation();
  const sorted = [...titles].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  return (
    <span className="chips">
      {sorted.map((x) => (
        <span key={x.code} className={`chip chip-${x.code}`} title={`${t(`titles.${x.code}`)}${x.year ? ` (${x.year})` : ''}`}>
          {t(`titleShort.${x.code}`)}
        </span>
      ))}
    </span>
  );
}
