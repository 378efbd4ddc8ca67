// 培育库年度: the members of the chosen pool year with the re-check flags and their status changes, starting
// the next year from this one, and the year-over-year comparison.
import type { SectionContext } from '../../context';
import { Compare } from './Compare';
import { Members } from './Members';
import { StartYear } from './StartYear';

export function PoolYearPart({ ctx }: { ctx: SectionContext }) {
  return (
    <div className="rf-pool-year">
      <div className="rf-layout">
        <Members ctx={ctx} />
        <aside className="rf-side">
          <StartYear ctx={ctx} />
        </aside>
      </div>
      <Compare ctx={ctx} />
    </div>
  );
}
