// 年度更新: importing the year's figures (template, file, mapping, problems, preview, apply, undo, snapshots)
// and the pool year (start from last year's, mark members, re-check, compare two years).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionContext } from '../context';
import { ImportPart } from './ImportPart';
import { PoolYearPart } from './poolYear/PoolYearPart';
import './refresh.css';

type Part = 'import' | 'poolYear';
const PARTS: Part[] = ['import', 'poolYear'];

export function RefreshSection({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>('import');
  return (
    <section className="section rf-section" data-testid="refresh">
      <header className="section-head">
        <h1>{t('refresh.title')}</h1>
        <span className="count">{ctx.poolName}</span>
      </header>
      <p className="muted rf-intro">{t('refresh.intro')}</p>
      <div className="rf-tabs" role="tablist" aria-label={t('refresh.tabs.label')}>
        {PARTS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            id={`rf-tab-${p}`}
            aria-selected={part === p}
            aria-controls={`rf-panel-${p}`}
            className={part === p ? 'is-active' : undefined}
            onClick={() => setPart(p)}
            data-testid={`rf-tab-${p}`}
          >
            {t(`refresh.tabs.${p}`)}
          </button>
        ))}
      </div>
      {/* The import stays mounted, so a half-done import survives a look at the pool year. */}
      <div role="tabpanel" id="rf-panel-import" aria-labelledby="rf-tab-import" hidden={part !== 'import'}>
        <ImportPart ctx={ctx} />
      </div>
      {part === 'poolYear' && (
        <div role="tabpanel" id="rf-panel-poolYear" aria-labelledby="rf-tab-poolYear">
          <PoolYearPart ctx={ctx} />
        </div>
      )}
    </section>
  );
}
