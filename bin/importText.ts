// The text summary of `champion-pool import`: what was read, what would change (or did), and every problem
// with its place in the file.
import type { MethodOutput } from '../db/contract';

export type ImportReportOut = MethodOutput<'import.analyse'>;

export function importText(r: ImportReportOut, applied: boolean, snapshot?: string): string {
  const lines: string[] = [];
  lines.push(`文件：${r.fileName}（${r.format}${r.encoding ? `，${r.encoding}` : ''}）  工作表：${r.sheet ?? '—'}  表头在第 ${r.headerRow ?? '—'} 行`);
  // The names as decoded: a wrong encoding shows here (then --encoding utf8|gbk).
  if (r.names.length) lines.push(`企业名称（前 ${r.names.length} 个）：${r.names.join('、')}`);
  const errors = r.problems.filter((p) => p.level === 'error');
  const warnings = r.problems.filter((p) => p.level === 'warning');
  if (r.counts) {
    const c = r.counts;
    lines.push(`读取 ${c.rows} 行：新增企业 ${c.newFirms} 家，有变化 ${c.changedFirms} 家，无变化 ${c.unchangedFirms} 家；变更数值 ${c.changedValues} 个，新增年度数据 ${c.newYears} 条（${c.newValues} 个数值）`);
  }
  const where = (p: ImportReportOut['problems'][number]) => [p.sheet, p.row != null ? `第 ${p.row} 行` : null, p.column ? `“${p.column}”列` : null].filter(Boolean).join(' ');
  for (const p of errors) lines.push(`错误  ${where(p)}${p.value != null ? `  值“${p.value}”` : ''}：${p.reason}`);
  for (const p of warnings) lines.push(`提醒  ${where(p)}${p.value != null ? `  值“${p.value}”` : ''}：${p.reason}`);
  const { errors: allErrors, warnings: allWarnings } = r.problemCounts;
  if (allErrors + allWarnings > r.problems.length) lines.push(`（共 ${allErrors} 个错误、${allWarnings} 个提醒，以上列出前 ${r.problems.length} 个）`);
  if (r.refused) lines.push(`文件被拒绝（${allErrors} 个错误），数据文件未作任何改动。`);
  else if (applied) lines.push(`已导入。导入前的快照：${snapshot}（可用 champion-pool restore --last-import 撤销）`);
  else lines.push('试运行：未写入任何数据。');
  return lines.join('\n') + '\n';
}
