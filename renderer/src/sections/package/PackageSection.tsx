// 报送包 (文件 → 导出报送包 / 合并报送包): a district exports its pool year; a city previews and merges the
// districts' packages, settles the conflicts, and sees the districts behind its pool. Works on an empty city
// file too (no pool year yet): the first merge creates it.
import { useTranslation } from 'react-i18next';
import type { SectionContext } from '../context';
import { ConflictsCard } from './ConflictsCard';
import { DistrictsCard } from './DistrictsCard';
import { ExportCard } from './ExportCard';
import { KeysCard } from './KeysCard';
import { MergeCard } from './MergeCard';
import './package.css';

export function PackageSection({ ctx, refresh, onChanged }: { ctx: SectionContext | null; refresh: number; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="section pk-section" data-testid="package">
      <header className="section-head">
        <h1>{t('package.title')}</h1>
      </header>
      <p className="muted">{t('package.intro')}</p>
      <MergeCard onChanged={onChanged} />
      <ConflictsCard refresh={refresh} onChanged={onChanged} />
      <KeysCard refresh={refresh} onChanged={onChanged} />
      {ctx && <DistrictsCard year={ctx.poolYear} refresh={refresh} />}
      {ctx && <ExportCard poolYear={ctx.poolYear} />}
    </section>
  );
}
