// 导入年度数据: the six steps on one page, and beside them the import history and the snapshots.
import { useTranslation } from 'react-i18next';
import type { SectionContext } from '../context';
import { ApplyStep } from './ApplyStep';
import { DownloadStep } from './DownloadStep';
import { FileStep } from './FileStep';
import { HistoryCard } from './HistoryCard';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ProblemsStep } from './ProblemsStep';
import { SnapshotsCard } from './SnapshotsCard';
import { Step } from './Step';
import { UnitQuestions } from './UnitQuestions';
import { useImport } from './useImport';

export function ImportPart({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const im = useImport(ctx);
  const report = im.applied ? null : (im.analysis?.report ?? null);
  const applied = im.applied ? t('refresh.steps.applied') : undefined;
  return (
    <div className="rf-layout">
      <div className="rf-steps">
        <Step n={1} id="download" title={t('refresh.steps.download')}>
          <DownloadStep ctx={ctx} />
        </Step>
        <Step n={2} id="file" title={t('refresh.steps.file')}>
          <FileStep im={im} />
        </Step>
        <Step n={3} id="mapping" title={t('refresh.steps.mapping')} stale={im.analysing} ready={!!report} waiting={applied}>
          <MappingStep im={im} />
        </Step>
        <Step n={4} id="problems" title={t('refresh.steps.problems')} stale={im.analysing} ready={!!report} waiting={applied}>
          {report && <UnitQuestions im={im} />}
          {report && <ProblemsStep report={report} />}
        </Step>
        <Step n={5} id="preview" title={t('refresh.steps.preview')} stale={im.analysing} ready={!!report?.counts} waiting={applied ?? (report ? t('refresh.steps.refused') : undefined)}>
          <PreviewStep im={im} ctx={ctx} />
        </Step>
        <Step n={6} id="apply" title={t('refresh.steps.apply')} ready={!!report || !!im.applied}>
          <ApplyStep im={im} />
        </Step>
      </div>
      <aside className="rf-side">
        <HistoryCard ctx={ctx} />
        <SnapshotsCard ctx={ctx} />
      </aside>
    </div>
  );
}
