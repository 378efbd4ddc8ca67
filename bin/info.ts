// The text form of `champion-pool info`.
import { localDateTimeZh } from '../db/time';

interface InfoOut {
  appVersion: string;
  schemaVersion: number;
  dataFile: string;
  counts: { firms: number; firmYears: number; titles: number; auditEntries: number };
  sample: { firms: number; firmYears: number; values: number };
  snapshots: { file: string; reason: string; createdAt: string; exists: boolean; own: boolean }[];
  pools: { year: number; name: string; members: number; defaultDataYear: number | null }[];
}

/** What a snapshot line adds: a file that is gone, a record a copy inherited from its original. */
export const snapshotNote = (s: { exists: boolean; own: boolean }) => `${s.exists ? '' : '（文件已不存在）'}${s.own ? '' : '（原数据文件的快照，随复制而来：只可查看）'}`;

export function formatInfo(i: InfoOut): string {
  const lines = [
    `数据文件：${i.dataFile}`,
    `结构版本：${i.schemaVersion}（程序 ${i.appVersion}）`,
    `企业：${i.counts.firms} 家；年度数据：${i.counts.firmYears} 条；称号：${i.counts.titles} 项；修改记录：${i.counts.auditEntries} 条`,
    `培育库年度：${i.pools.length ? '' : '无'}`,
    ...i.pools.map((p) => `  ${p.year}  ${p.name}  ${p.members} 家（默认数据年度 ${p.defaultDataYear ?? '—'}）`),
    i.sample.values || i.sample.firms
      ? `示例数据：${i.sample.firms} 家示例企业，${i.sample.values} 个示例数值`
      : '示例数据：无',
    `快照：${i.snapshots.length ? '' : '无'}`,
    ...i.snapshots.map((s) => `  ${localDateTimeZh(s.createdAt)}  ${s.reason}  ${s.file}${snapshotNote(s)}`),
  ];
  return lines.join('\n') + '\n';
}
