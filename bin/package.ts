// `champion-pool package export|merge|conflicts|resolve|keygen`: pool packages (报送包) a district exports and a
// city merges by credit code. A merge is previewed over a read-only connection first: a refused package or a
// dry run never opens the city file for writing, so it stays byte for byte as it was.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { MergeReportT, MethodOutput } from '../db/contract';
import { writeFileAtomic } from '../db/export/writeFile';
import { localDateTimeZh } from '../db/time';
import { generateKeyPair, keyFingerprint } from '../db/package/format';
import type { CliTools } from './criteria';

const SIGNATURE_ZH = { none: '未签名', unverified: '已签名（本库无该区县公钥，未核验）', verified: '签名已核验' } as const;

/** The JSON the issue names: packages, new_firms, changed_values, conflicts with every district's value. */
export function mergeJson(r: MergeReportT) {
  return {
    packages: r.packages.map((p) => ({
      file: p.fileName,
      district: p.district,
      bureau: p.bureau,
      pool_year: p.poolYear,
      data_years: p.dataYears,
      exported_at: p.exportedAt,
      label: p.label,
      sha256: p.contentSha256,
      signature: p.signature,
      firms: p.firms,
      new_firms: p.newFirms,
      new_values: p.newValues,
      changed_values: p.changedValues,
      conflicts: p.conflicts,
    })),
    new_firms: r.newFirms,
    changed_values: r.changedValues,
    conflicts: r.conflicts.map((c) => ({ credit_code: c.creditCode, name: c.name, year: c.year, field: c.field, values: c.values.map((v) => ({ district: v.district, value: v.value })) })),
  };
}

const shown = (v: string | number | null) => (v === null ? '空' : String(v));

export function mergeText(r: MergeReportT): string {
  const lines: string[] = [];
  for (const p of r.packages) {
    lines.push(`${p.label}  ${p.fileName}  ${p.poolYear}年度  企业 ${p.firms} 家（新增 ${p.newFirms}），写入数值：补空 ${p.newValues}、改动 ${p.changedValues}，冲突 ${p.conflicts}  ${SIGNATURE_ZH[p.signature]}${p.fingerprint ? `（公钥指纹 ${p.fingerprint}）` : ''}`);
    const extra = p.sections.filter((s) => !['firms', 'figures', 'titles', 'membership'].includes(s.key) && s.rows > 0);
    if (extra.length) lines.push(`  另含：${extra.map((s) => `${s.label} ${s.rows} 条${s.added === null ? '' : `（本库没有的 ${s.added} 条）`}`).join('，')}`);
  }
  for (const c of r.changes) lines.push(`变更  ${c.name} ${c.creditCode} ${c.year ?? ''} ${c.field}：${shown(c.old)} → ${shown(c.new)}（${c.district}）`);
  for (const c of r.conflicts) {
    const values = c.values.map((v) => `${v.district} ${shown(v.value)}`).join('；');
    lines.push(`冲突  ${c.name} ${c.creditCode} ${c.year ?? '基本信息'} ${c.field}：${values}${c.chosen ? `  → 采用${c.chosen}` : '  → 暂保留本库原值，待处理'}`);
  }
  if (r.conflictCount > r.conflicts.length) lines.push(`（冲突共 ${r.conflictCount} 处，仅列出前 ${r.conflicts.length} 处）`);
  lines.push(`合计：新增企业 ${r.newFirms} 家，写入已有企业的数值 ${r.changedValues} 个，冲突 ${r.conflictCount} 处`);
  return lines.join('\n') + '\n';
}

function publicKeys(given: string[], fail: CliTools['fail']) {
  return given.map((g) => {
    const m = /^(.+?)=(.+)$/.exec(g);
    if (!m) fail(`--public-key 的写法是 区县=公钥文件，如 --public-key 峄城区=峄城区-公钥.pem（收到“${g}”）`, 2);
    if (!fs.existsSync(m[2])) fail(`找不到公钥文件：${m[2]}`);
    return { district: m[1], pem: fs.readFileSync(m[2], 'utf8') };
  });
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerPackageCommands(program: Command, t: CliTools): void {
  program.enablePositionalOptions();
  const pkg = program.command('package').description('pool packages (报送包): a district exports its pool year, a city merges them').enablePositionalOptions();

  pkg
    .command('export')
    .description("write the pool year's firms, figures with provenance, titles, membership, judgements, shortlists and the lists (诉求台账, 融资需求, 上市后备库, 奖补兑现) as one .cpool file")
    .addOption(t.dbOption())
    .requiredOption('--year <year>', 'the pool year')
    .requiredOption('--district <name>', 'the district sending it, e.g. 峄城区')
    .requiredOption('--out <file>', 'the package file (.cpool)')
    .option('--bureau <name>', 'the sending bureau, e.g. 峄城区工业和信息化局')
    .option('--key <file>', "sign with the district's Ed25519 private key (PEM, from `package keygen`)")
    .action((o: { db: string; year: string; district: string; out: string; bureau?: string; key?: string }) =>
      t.run(async () => {
        const year = Number(o.year);
        if (!Number.isInteger(year)) t.fail(`年度无效：${o.year}`, 2);
        if (path.extname(o.out).toLowerCase() !== '.cpool') t.fail(`报送包文件须以 .cpool 结尾：${o.out}`, 2);
        if (o.key && !fs.existsSync(o.key)) t.fail(`找不到私钥文件：${o.key}`);
        const privateKey = o.key ? fs.readFileSync(o.key, 'utf8') : undefined;
        const file = (await t.query(o.db, (call) => call('package.export', { poolYear: year, district: o.district, bureau: o.bureau, privateKey }))) as MethodOutput<'package.export'>;
        const out = path.resolve(o.out);
        await writeFileAtomic(out, Buffer.from(file.base64, 'base64'));
        process.stdout.write(`已导出报送包：${out}${privateKey ? '（已签名）' : ''}\n`);
      }),
    );

  pkg
    .command('merge')
    .description("merge districts' packages into the city file by credit code (a snapshot first; conflicts stay open unless --prefer)")
    .addOption(t.dbOption())
    .requiredOption('--file <path>', 'a package (.cpool); repeat for several', collect)
    .option('--dry-run', 'show what would be merged and every conflict, write nothing')
    .option('--prefer <district>', "settle every conflict that district reported with its value")
    .option('--public-key <district=file>', "a district's public key (PEM): its packages must carry its signature; repeat for several", collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: { db: string; file: string[]; dryRun?: boolean; prefer?: string; publicKey: string[]; format: 'text' | 'json' }) =>
      t.run(async () => {
        for (const f of o.file) if (!fs.existsSync(f)) t.fail(`找不到报送包文件：${f}`);
        const input = { files: o.file.map((f) => ({ fileName: path.basename(f), path: path.resolve(f) })), prefer: o.prefer, publicKeys: publicKeys(o.publicKey, t.fail) };
        // Refusals and the dry run come from a read-only look: the city file is not opened for writing.
        const preview = (await t.query(o.db, (call) => call('package.preview', input))) as MergeReportT;
        if (o.dryRun) {
          process.stdout.write(o.format === 'json' ? JSON.stringify(mergeJson(preview), null, 2) + '\n' : mergeText(preview) + '（试运行：数据文件未作任何改动）\n');
          return;
        }
        const r = (await t.write(o.db, (call) => call('package.merge', input))) as MethodOutput<'package.merge'>;
        if (o.format === 'json') process.stdout.write(JSON.stringify({ ...mergeJson(r.report), snapshot: r.snapshot }, null, 2) + '\n');
        else process.stdout.write(`${mergeText(r.report)}已合并（合并前快照：${r.snapshot}）${r.report.conflictCount ? `；未定的冲突请在“报送包”中处理，或用 --prefer 重新合并` : ''}\n`);
      }),
    );

  pkg
    .command('conflicts')
    .description('the conflicts merges left open (or all, with --all)')
    .addOption(t.dbOption())
    .option('--all', 'also those settled')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: { db: string; all?: boolean; format: 'text' | 'json' }) =>
      t.run(async () => {
        const list = (await t.query(o.db, (call) => call('package.conflicts', { status: o.all ? 'all' : 'open' }))) as MethodOutput<'package.conflicts'>;
        if (o.format === 'json') return void process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        const lines = list.map((c) => `${c.id}\t${c.name}\t${c.creditCode}\t${c.year ?? '基本信息'}\t${c.field}\t${c.values.map((v) => `${v.district} ${shown(v.value)}`).join('；')}\t${c.status === 'open' ? '待处理' : `已采用${c.chosenDistrict}`}`);
        process.stdout.write((lines.length ? lines.join('\n') : '没有待处理的合并冲突') + '\n');
      }),
    );

  pkg
    .command('resolve')
    .description("settle a conflict with one district's value (or 本库: keep the city's)")
    .addOption(t.dbOption())
    .requiredOption('--id <n>', 'the conflict (see `package conflicts`)')
    .requiredOption('--district <name>', 'whose value to take')
    .action((o: { db: string; id: string; district: string }) =>
      t.run(async () => {
        const c = (await t.write(o.db, (call) => call('package.resolve', { id: Number(o.id), district: o.district }))) as MethodOutput<'package.resolve'>;
        process.stdout.write(`已处理：${c.name} ${c.year ?? ''} ${c.field} 采用${c.chosenDistrict}的值（${shown(c.current)}）\n`);
      }),
    );

  pkg
    .command('keys')
    .description("the districts' public keys this file holds (a held district's packages must carry its signature); add or remove one")
    .addOption(t.dbOption())
    .option('--add <district=file>', "hold a district's public key (PEM, from `package keygen`)")
    .option('--remove <district>', "stop holding a district's key")
    .action((o: { db: string; add?: string; remove?: string }) =>
      t.run(async () => {
        if (o.add) {
          const [key] = publicKeys([o.add], t.fail);
          const k = (await t.write(o.db, (call) => call('package.saveKey', key))) as MethodOutput<'package.saveKey'>;
          process.stdout.write(`已登记${k.district}的公钥（指纹 ${k.fingerprint}）：该区县的报送包今后须带有与之相符的签名\n`);
        }
        if (o.remove) {
          const r = (await t.write(o.db, (call) => call('package.deleteKey', { district: o.remove! }))) as MethodOutput<'package.deleteKey'>;
          process.stdout.write(r.deleted ? `已删除${o.remove}的公钥\n` : `本库没有${o.remove}的公钥，未作改动\n`);
        }
        const keys = (await t.query(o.db, (call) => call('package.keys', {}))) as MethodOutput<'package.keys'>;
        const lines = keys.map((k) => `${k.district}\t${k.fingerprint}\t${k.addedBy}\t${localDateTimeZh(k.addedAt)}`);
        process.stdout.write((lines.length ? lines.join('\n') : '本库没有登记任何区县的公钥') + '\n');
      }),
    );

  pkg
    .command('keygen')
    .description("make a district's Ed25519 key pair: the private key signs its packages, the city keeps the public key")
    .requiredOption('--district <name>', 'the district')
    .requiredOption('--out-dir <dir>', 'where to write <district>-私钥.pem and <district>-公钥.pem')
    .action((o: { district: string; outDir: string }) =>
      t.run(() => {
        const priv = path.resolve(o.outDir, `${o.district}-私钥.pem`);
        const pub = path.resolve(o.outDir, `${o.district}-公钥.pem`);
        for (const f of [priv, pub]) if (fs.existsSync(f)) t.fail(`文件已存在，未作改动：${f}`);
        const keys = generateKeyPair();
        fs.mkdirSync(path.resolve(o.outDir), { recursive: true });
        fs.writeFileSync(priv, keys.privateKey, { mode: 0o600, flag: 'wx' });
        fs.writeFileSync(pub, keys.publicKey, { flag: 'wx' });
        process.stdout.write(`私钥（仅本区县保管）：${priv}\n公钥（交市局）：${pub}\n公钥指纹：${keyFingerprint(keys.publicKey)}\n`);
      }),
    );
}
