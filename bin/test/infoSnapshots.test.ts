// `champion-pool info` and `snapshot` mark a record a copy inherited from its original as view-only.
import { describe, expect, it } from 'vitest';
import { formatInfo, snapshotNote } from '../info';

describe('snapshot lines', () => {
  it('say when a file is gone and when a snapshot belongs to the original of a copy', () => {
    expect(snapshotNote({ exists: true, own: true })).toBe('');
    expect(snapshotNote({ exists: false, own: true })).toBe('（文件已不存在）');
    expect(snapshotNote({ exists: true, own: false })).toContain('只可查看');
    const text = formatInfo({
      appVersion: '0.1.0',
      schemaVersion: 11,
      dataFile: '/data/pool-copy.sqlite',
      counts: { firms: 0, firmYears: 0, titles: 0, auditEntries: 0 },
      sample: { firms: 0, firmYears: 0, values: 0 },
      snapshots: [
        { file: '/data/snapshots/pool-copy-20261130-101010-000.sqlite', reason: '手动', createdAt: '2026-11-30', exists: true, own: true },
        { file: '/data/snapshots/pool-20261129-101010-000.sqlite', reason: '导入前：a.xlsx', createdAt: '2026-11-29', exists: true, own: false },
      ],
      pools: [],
    });
    expect(text).toContain('pool-copy-20261130-101010-000.sqlite\n');
    expect(text).toContain('pool-20261129-101010-000.sqlite（原数据文件的快照，随复制而来：只可查看）');
  });
});
