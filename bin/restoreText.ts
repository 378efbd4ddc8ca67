// The text of `champion-pool restore`: what an undo of the last import would revert and the later work it
// touches, and what a whole-snapshot restore takes back (from the audit log).
import { localDateTimeZh } from '../db/time';
import type { MethodOutput } from '../db/contract';

type UndoPlan = MethodOutput<'import.undoPlan'>;
type DoneSince = MethodOutput<'snapshot.since'>;

export function undoPlanText(p: UndoPlan): string {
  const c = p.counts;
  const lines = [
    `撤销导入 ${p.import.file}（${p.import.at.slice(0, 16).replace('T', ' ')}，${p.import.actor}）：` +
      `恢复 ${c.values} 个数值和 ${c.profile} 项企业信息，删除新增企业 ${c.newFirms} 家、新增年度数据 ${c.newYears} 条、称号 ${c.titles} 项、入库记录 ${c.members} 条${c.records ? `，以及这次合并带来的研判、推荐名单和台账记录 ${c.records} 条` : ''}。`,
  ];
  if (p.conflicts.length) {
    lines.push(`导入之后有 ${p.conflicts.length} 处改动涉及它写入的内容：`);
    for (const x of p.conflicts) {
      const where = [x.name, x.year, x.field].filter((v) => v != null).join(' ');
      const added = { firm: '企业', year: '年度', record: '记录' } as const;
      lines.push(x.kind === 'value' ? `  ${where}：导入写入 ${x.written ?? '空'}，现在为 ${x.current ?? '空'}（${x.what}）` : `  ${where}（导入新增的${added[x.kind]}）：${x.what}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function doneSinceText(d: DoneSince): string {
  const lines = [`快照 ${d.snapshot.id}（${localDateTimeZh(d.snapshot.createdAt)}，${d.snapshot.reason}）之后的 ${d.total} 项操作将被撤回：`];
  for (const x of d.done) lines.push(`  ${x.at.slice(0, 16).replace('T', ' ')} ${x.actor} ${x.what || x.entity}`);
  if (d.total > d.done.length) lines.push(`  ……以上为最近的 ${d.done.length} 项`);
  return lines.join('\n') + '\n';
}
