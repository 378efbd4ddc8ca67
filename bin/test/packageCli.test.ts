// `champion-pool package`: two district files → two packages → a city merge, as an analyst runs it. The dry
// run prints the JSON the issue names; refusals exit 1 with the reason and leave the city file byte-identical.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, initPool } from './runCli';

let dir: string;
let yc: string;
let tez: string;
let city: string;
const FIRM = '鑫金山机械';

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
/** The city file's bytes and the changes waiting in its WAL (a reader may leave an empty WAL and its index beside it). */
const cityState = () => [sha(city), ...['-wal', '-journal'].map((s) => (fs.existsSync(city + s) ? fs.statSync(city + s).size : 0))].join(' ');

beforeAll(async () => {
  ({ dir, db: yc } = await initPool('cp-package-cli-'));
  tez = path.join(dir, 'taierzhuang.sqlite');
  city = path.join(dir, 'city.sqlite');
  expect((await cli(['init', '--db', tez])).code).toBe(0);
  expect((await cli(['init', '--db', city, '--empty'])).code).toBe(0);
  // 台儿庄区 holds another revenue for one firm and year.
  const db = new Database(tez);
  db.prepare('UPDATE firm_years SET revenue = 99999 WHERE year = 2022 AND firm_id = (SELECT id FROM firms WHERE name = ?)').run(FIRM);
  db.close();
  for (const [db, district] of [[yc, '峄城区'], [tez, '台儿庄区']]) {
    const r = await cli(['package', 'export', '--db', db, '--year', '2023', '--district', district, '--out', path.join(dir, `${district}.cpool`)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pkgFile = (district: string) => path.join(dir, `${district}.cpool`);

describe('champion-pool package', () => {
  it('prints the dry run as the named JSON, writing nothing', async () => {
    const before = cityState();
    const r = await cli(['package', 'merge', '--db', city, '--file', pkgFile('峄城区'), '--file', pkgFile('台儿庄区'), '--dry-run', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['packages', 'new_firms', 'changed_values', 'conflicts']);
    expect(out.new_firms).toBe(11);
    expect(out.changed_values).toBe(0);
    expect(out.packages.map((p: { district: string; firms: number }) => [p.district, p.firms])).toEqual([['峄城区', 11], ['台儿庄区', 11]]);
    expect(out.conflicts).toHaveLength(1);
    expect(Object.keys(out.conflicts[0])).toEqual(['credit_code', 'name', 'year', 'field', 'values']);
    expect(out.conflicts[0]).toMatchObject({ name: FIRM, year: 2022, field: 'revenue', values: [{ district: '峄城区', value: expect.any(Number) }, { district: '台儿庄区', value: 99999 }] });
    expect(cityState()).toBe(before);
  }, 60_000);

  it('refuses a changed package with a Chinese message and exit 1, the city file byte-identical', async () => {
    const bad = path.join(dir, '被改动.cpool');
    fs.copyFileSync(pkgFile('峄城区'), bad);
    const db = new Database(bad);
    db.prepare('UPDATE firm_years SET revenue = revenue * 2 WHERE rowid = 1').run();
    db.close();
    const before = cityState();
    const r = await cli(['package', 'merge', '--db', city, '--file', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('被改动.cpool（峄城区）的内容与其校验值不符');
    expect(cityState()).toBe(before);
    const notPkg = await cli(['package', 'merge', '--db', city, '--file', yc]);
    expect(notPkg.code).toBe(1);
    expect(notPkg.stderr).toContain('不是报送包（没有报送包清单）');
    expect(cityState()).toBe(before);
  }, 60_000);

  it('merges with --prefer, then refuses the same package again saying when, the city file byte-identical', async () => {
    const r = await cli(['package', 'merge', '--db', city, '--file', pkgFile('峄城区'), '--file', pkgFile('台儿庄区'), '--prefer', '台儿庄区']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已合并');
    expect(r.stdout).toContain('→ 采用台儿庄区');
    const info = JSON.parse((await cli(['info', '--db', city, '--format', 'json'])).stdout);
    expect(info.counts.firms).toBe(11);
    const before = cityState();
    const again = await cli(['package', 'merge', '--db', city, '--file', pkgFile('峄城区')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/峄城区\.cpool（峄城区）已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 由 .+ 合并过/);
    expect(cityState()).toBe(before);
    expect((await cli(['package', 'conflicts', '--db', city])).stdout).toContain('没有待处理的合并冲突');
  }, 120_000);

  it('signs with a key from keygen; a merge given the district’s public key checks it', async () => {
    const keys = path.join(dir, 'keys');
    const made = await cli(['package', 'keygen', '--district', '山亭区', '--out-dir', keys]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/公钥指纹：[0-9a-f]{4} /);
    const out = path.join(dir, '山亭区.cpool');
    expect((await cli(['package', 'export', '--db', yc, '--year', '2023', '--district', '山亭区', '--out', out, '--key', path.join(keys, '山亭区-私钥.pem')])).code).toBe(0);
    const fresh = path.join(dir, 'city2.sqlite');
    expect((await cli(['init', '--db', fresh, '--empty'])).code).toBe(0);
    const r = await cli(['package', 'merge', '--db', fresh, '--file', out, '--public-key', `山亭区=${path.join(keys, '山亭区-公钥.pem')}`, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('签名已核验');
    // Another district's key does not fit.
    expect((await cli(['package', 'keygen', '--district', '市中区', '--out-dir', keys])).code).toBe(0);
    const wrong = await cli(['package', 'merge', '--db', fresh, '--file', out, '--public-key', `山亭区=${path.join(keys, '市中区-公钥.pem')}`, '--dry-run']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('的签名与本库持有的该区县公钥不符');
  }, 120_000);

  it('holds a district’s key in the city file: a package of that district must then carry its signature', async () => {
    const keys = path.join(dir, 'held-keys');
    expect((await cli(['package', 'keygen', '--district', '薛城区', '--out-dir', keys])).code).toBe(0);
    const signed = path.join(dir, '薛城区-signed.cpool');
    const unsigned = path.join(dir, '薛城区-unsigned.cpool');
    expect((await cli(['package', 'export', '--db', yc, '--year', '2023', '--district', '薛城区', '--out', signed, '--key', path.join(keys, '薛城区-私钥.pem')])).code).toBe(0);
    expect((await cli(['package', 'export', '--db', yc, '--year', '2023', '--district', '薛城区', '--out', unsigned])).code).toBe(0);
    const town = path.join(dir, 'city3.sqlite');
    expect((await cli(['init', '--db', town, '--empty'])).code).toBe(0);
    // Before a key is held, the unsigned package is merely 未签名.
    expect((await cli(['package', 'merge', '--db', town, '--file', unsigned, '--dry-run'])).stdout).toContain('未签名');
    fs.writeFileSync(path.join(dir, 'not-a-key.pem'), '这不是公钥\n');
    const bad = await cli(['package', 'keys', '--db', town, '--add', `薛城区=${path.join(dir, 'not-a-key.pem')}`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('薛城区 的公钥无法识别');
    const added = await cli(['package', 'keys', '--db', town, '--add', `薛城区=${path.join(keys, '薛城区-公钥.pem')}`]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/已登记薛城区的公钥（指纹 [0-9a-f]{4} /);
    expect(added.stdout).toMatch(/^薛城区\t[0-9a-f]{4} /m);
    expect((await cli(['package', 'merge', '--db', town, '--file', signed, '--dry-run'])).stdout).toContain('签名已核验');
    const refused = await cli(['package', 'merge', '--db', town, '--file', unsigned, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('没有签名，而本库持有该区县的公钥');
    const removed = await cli(['package', 'keys', '--db', town, '--remove', '薛城区']);
    expect(removed.stdout).toContain('已删除薛城区的公钥');
    expect(removed.stdout).toContain('本库没有登记任何区县的公钥');
    expect((await cli(['package', 'merge', '--db', town, '--file', unsigned, '--dry-run'])).code).toBe(0);
  }, 120_000);
});
