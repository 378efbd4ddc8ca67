// The package file: what the manifest holds, the hash over the content, signatures, and the refusals of a
// merge — each with a clear message, and the city file left as it was.
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../migrations';
import { call, callError } from '../../test/helpers';
import { generateKeyPair, openPackage, PACKAGE_FORMAT_VERSION } from '../format';
import { city, district, edited, fileInput, packageOf } from './fixtures';

/** The city's whole state, to show a refused merge changed nothing. */
const stateOf = (c: ReturnType<typeof city>) =>
  ['firms', 'firm_years', 'imports', 'audit_log', 'snapshots', 'package_merges', 'pool_districts', 'merge_conflicts', 'sources'].map((t) => c.pool.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());

describe('the package file', () => {
  it('holds the manifest, the pool year’s firms with provenance, titles, membership, judgements and shortlists', async () => {
    const a = district('峄城区');
    const [firm] = (await call(a.service, 'pool.list', { year: 2023, limit: 1 })).rows;
    await call(a.service, 'analyst.record', { firmId: firm.firmId, kind: 'judgement', key: 'c1', setId: 'cn-champion-2023', value: true, note: '已核实' });
    await call(a.service, 'shortlist.create', { name: '推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [firm.firmId] });
    const p = packageOf(a);
    const open = openPackage(p.bytes, p.fileName);
    try {
      expect(open.manifest).toMatchObject({ district: '峄城区', bureau: '峄城区工信局', poolYear: 2023, formatVersion: PACKAGE_FORMAT_VERSION, schemaVersion: LATEST_VERSION, signature: null });
      expect(open.manifest.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(open.manifest.dataYears.length).toBeGreaterThan(0);
      expect(open.manifest.counts).toMatchObject({ firms: 11, membership: 11, judgements: 1, shortlists: 1 });
      expect(open.signature).toBe('none');
      const sources = open.db.prepare('SELECT DISTINCT source FROM firm_years').pluck().all() as string[];
      expect(sources.some((s) => s.includes('示例'))).toBe(true);
      expect(open.db.prepare('SELECT count(*) FROM titles').pluck().get()).toBeGreaterThan(0);
      expect(open.db.prepare('SELECT note FROM judgements').pluck().get()).toBe('已核实');
    } finally {
      open.close();
    }
  });

  it('signs with the district’s Ed25519 key; the city checks it with the public key it holds', () => {
    const keys = generateKeyPair();
    const other = generateKeyPair();
    const p = packageOf(district('峄城区'), { privateKey: keys.privateKey });
    const unverified = openPackage(p.bytes, p.fileName);
    expect(unverified.signature).toBe('unverified');
    unverified.close();
    const verified = openPackage(p.bytes, p.fileName, new Map([['峄城区', keys.publicKey]]));
    expect(verified.signature).toBe('verified');
    expect(verified.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    verified.close();
    expect(() => openPackage(p.bytes, p.fileName, new Map([['峄城区', other.publicKey]]))).toThrow(/签名与本库持有的该区县公钥不符/);
    // Re-signing a changed package needs the private key: a rehash alone leaves the old signature, which no longer fits.
    const forged = edited(p, (db) => db.prepare("UPDATE firm_years SET revenue = 1 WHERE rowid = 1").run(), true);
    expect(() => openPackage(forged.bytes, forged.fileName, new Map([['峄城区', keys.publicKey]]))).toThrow(/签名与本库持有的该区县公钥不符/);
    const unsigned = packageOf(district('峄城区'));
    expect(() => openPackage(unsigned.bytes, unsigned.fileName, new Map([['峄城区', keys.publicKey]]))).toThrow(/没有签名/);
  });
});

describe('a merge refuses, naming the file and leaving the city file unchanged', () => {
  it('a package changed after export (hash mismatch)', async () => {
    const town = city();
    const before = stateOf(town);
    const p = edited(packageOf(district('峄城区')), (db) => db.prepare('UPDATE firm_years SET revenue = revenue + 1 WHERE rowid = 1').run());
    const e = await callError(town.service, 'package.merge', { files: [fileInput(p)] });
    expect(e.message).toMatch(/^峄城区\.cpool（峄城区）的内容与其校验值不符：文件在导出后被改动或已损坏/);
    expect(e.message).toContain('数据文件未作任何改动');
    expect(stateOf(town)).toEqual(before);
  });

  it('a package of a newer app (format or schema)', async () => {
    const town = city();
    const before = stateOf(town);
    const base = packageOf(district('峄城区'));
    for (const [key, value] of [['format_version', PACKAGE_FORMAT_VERSION + 1], ['schema_version', LATEST_VERSION + 1]] as const) {
      const p = edited(base, (db) => db.prepare('UPDATE manifest SET value = ? WHERE key = ?').run(JSON.stringify(value), key), true);
      const e = await callError(town.service, 'package.preview', { files: [fileInput(p)] });
      expect(e.code).toBe('schema_too_new');
      expect(e.message).toContain('由较新版本的软件导出');
      expect(e.message).toContain('请升级程序后再合并');
    }
    expect(stateOf(town)).toEqual(before);
  });

  it('a file that is not a package: text, another SQLite file, a damaged one', async () => {
    const town = city();
    const before = stateOf(town);
    const text = { fileName: '名单.xlsx', base64: Buffer.from('PK\u0003\u0004 not a package').toString('base64') };
    expect((await callError(town.service, 'package.merge', { files: [text] })).message).toBe('名单.xlsx 不是报送包（不是 SQLite 文件）：请选择区县用“导出报送包”生成的 .cpool 文件。数据文件未作任何改动。');
    const sqlite = edited(packageOf(district('峄城区')), (db) => db.exec('DROP TABLE manifest'));
    expect((await callError(town.service, 'package.merge', { files: [fileInput(sqlite)] })).message).toContain('不是报送包（没有报送包清单）');
    const p = packageOf(district('峄城区'));
    const truncated = { fileName: '截断.cpool', base64: p.bytes.subarray(0, 8192).toString('base64') };
    expect((await callError(town.service, 'package.merge', { files: [truncated] })).message).toMatch(/截断\.cpool (不是报送包|.*校验值不符)/);
    expect(stateOf(town)).toEqual(before);
  });

  it('the same package merged twice, saying when; and the same package chosen twice at once', async () => {
    const town = city();
    const p = fileInput(packageOf(district('峄城区')));
    await call(town.service, 'package.merge', { files: [p] });
    const before = stateOf(town);
    const e = await callError(town.service, 'package.merge', { files: [{ ...p, fileName: '改名.cpool' }] });
    expect(e.message).toMatch(/^改名\.cpool（峄城区）已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 由 city-analyst 合并过（当时的文件名：峄城区\.cpool），不再重复合并/);
    expect(stateOf(town)).toEqual(before);
    const fresh = city();
    expect((await callError(fresh.service, 'package.preview', { files: [p, { ...p, fileName: '副本.cpool' }] })).message).toContain('是同一个报送包');
  });

  it('a merge that fails on one package writes nothing of the others', async () => {
    const town = city();
    const before = stateOf(town);
    const good = fileInput(packageOf(district('峄城区')));
    const bad = fileInput(edited(packageOf(district('台儿庄区')), (db) => db.prepare('DELETE FROM firms WHERE rowid = 1').run()));
    expect((await callError(town.service, 'package.merge', { files: [good, bad] })).message).toContain('台儿庄区.cpool（台儿庄区）的内容与其校验值不符');
    expect(stateOf(town)).toEqual(before);
  });
});
