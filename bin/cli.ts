// champion-pool: the command line over the same service the app uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { startBridge } from '../db/bridge';
import type { MethodOutput } from '../db/contract';
import { AppError } from '../db/errors';
import { openPoolDb } from '../db/open';
import { defaultDataFile } from '../db/paths';
import { createService, dispatch } from '../db/service';
import { writeFileAtomic } from '../db/export/writeFile';
import { copyDatabase } from '../db/snapshots';
import { APP_VERSION } from '../db/version';
import { localDateTimeZh } from '../db/time';
import { criteriaTable, writeEvaluation, writeOut } from './evaluate';
import { registerCriteriaCommands, setHeading } from './criteria';
import { localiseHelp } from './help';
import { registerRequestCommands } from './requests';
import { registerFinanceCommands } from './finance';
import { registerListingCommands } from './listing';
import { registerPackageCommands } from './package';
import { formatInfo, snapshotNote } from './info';
import { openForReading, type ReadOptions } from './readCopy';
import { importText, type ImportReportOut } from './importText';
import { doneSinceText, undoPlanText } from './restoreText';
import { templateCsv, templateXlsx } from '../db/import/templateFile';

// Run from the sources (bin/) or from the bundle `npm run build` makes (out/cli/): the built UI is out/renderer.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const UI_DIR = path.basename(HERE) === 'cli' ? path.join(HERE, '..', 'renderer') : path.join(HERE, '..', 'out', 'renderer');
const actor = () => os.userInfo().username;

function fail(message: string, code = 1): never {
  process.stderr.write(`champion-pool: ${message}\n`);
  process.exit(code);
}

function run(action: () => Promise<void> | void): Promise<void> {
  return Promise.resolve()
    .then(action)
    .catch((e: unknown) => fail(e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e)));
}

const dbOption = () => new Option('--db <file>', 'the data file').default(defaultDataFile(), 'the per-user data file');

const program = new Command()
  .name('champion-pool')
  .description('单项冠军培育库 — the command line of Champion Pool')
  .version(APP_VERSION)
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('init')
  .description('create a data file holding the default 2023 pool (or nothing, with --empty)')
  .addOption(dbOption())
  .option('--empty', 'create the schema only, without the default pool')
  .action((o: { db: string; empty?: boolean }) =>
    run(() => {
      if (fs.existsSync(o.db)) fail(`数据文件已存在，未作改动：${path.resolve(o.db)}`);
      const h = openPoolDb({ file: o.db, create: o.empty ? 'empty' : 'default' });
      h.close();
      process.stdout.write(`已创建数据文件：${h.file}${o.empty ? '（空）' : '（含2023年度默认培育库）'}\n`);
    }),
  );

program
  .command('info')
  .description('schema version, pool years, counts and snapshots of a data file')
  .addOption(dbOption())
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action((o: { db: string; format: 'text' | 'json' }) =>
    run(async () => {
      const h = readingHandle(o.db);
      try {
        const service = createService({ db: h.db, dataFile: h.file, actor: actor(), appVersion: APP_VERSION });
        const [info, years] = await Promise.all([dispatch(service, 'app.info', {}), dispatch(service, 'pool.years', {})]);
        if (!info.ok) throw new Error(info.error.message);
        if (!years.ok) throw new Error(years.error.message);
        const out = { ...(info.data as object), schemaVersion: h.fileVersion, pools: years.data };
        process.stdout.write(o.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : formatInfo(out as Parameters<typeof formatInfo>[0]));
      } finally {
        h.close();
      }
    }),
  );

type Caller = (method: string, input: unknown) => Promise<unknown>;

/** Opens a data file for reading (an older schema through a migrated copy), saying so on stderr. */
function readingHandle(dbFile: string, options?: ReadOptions) {
  const h = openForReading(dbFile, options);
  if (h.note) process.stderr.write(`注意：${h.note}\n`);
  return h;
}

/** Opens the data file — read-only, or for writing (locked, migrated) — and lends `work` a contract caller. */
async function withService<T>(dbFile: string, mode: 'read' | 'write', work: (call: Caller) => Promise<T>, options?: ReadOptions): Promise<T> {
  const h = mode === 'read' ? readingHandle(dbFile, options) : openPoolDb({ file: dbFile });
  try {
    const service = createService({ db: h.db, dataFile: h.file, actor: actor(), appVersion: APP_VERSION });
    return await work(async (method, input) => {
      const r = await dispatch(service, method, input);
      if (!r.ok) throw new AppError(r.error.code as 'invalid_input', r.error.message, r.error.details);
      return r.data;
    });
  } finally {
    h.close();
  }
}
const query = <T>(dbFile: string, work: (call: Caller) => Promise<T>, options?: ReadOptions) => withService(dbFile, 'read', work, options);
const write = <T>(dbFile: string, work: (call: Caller) => Promise<T>) => withService(dbFile, 'write', work);

program
  .command('evaluate')
  .description('evaluate every firm of a pool year against one criteria set')
  .addOption(dbOption())
  .requiredOption('--set <id>', 'criteria set id (see `champion-pool criteria`)')
  .option('--year <year>', "data year Y (default: each firm's latest year with revenue)")
  .option('--pool <year>', 'pool year (default: the latest)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .action((o: { db: string; set: string; year?: string; pool?: string; format: 'table' | 'json' | 'csv' }) =>
    run(async () => {
      const year = o.year === undefined ? undefined : Number(o.year);
      if (year !== undefined && !Number.isInteger(year)) fail(`年度无效：${o.year}`, 2);
      await query(o.db, async (call) => {
        const years = (await call('pool.years', {})) as { year: number }[];
        const poolYear = o.pool ? Number(o.pool) : years[0]?.year;
        if (poolYear === undefined) throw new AppError('not_found', '数据文件中没有培育库年度');
        const sets = (await call('criteria.list', { poolYear })) as Parameters<typeof criteriaTable>[0];
        const set = sets.find((s) => s.id === o.set);
        if (!set) throw new AppError('not_found', `没有标准集 ${o.set}；可用：${sets.map((s) => s.id).join(', ')}`);
        // JSON and CSV keep their shape on stdout; the set's notice and any warning go to stderr.
        if (o.format !== 'table') process.stderr.write(setHeading(set, poolYear).split('\n').slice(1).map((l) => l + '\n').join(''));
        await writeEvaluation(call, { year: poolYear, setId: o.set, dataYear: year }, o.format, setHeading(set, poolYear), writeOut);
      });
    }),
  );

program
  .command('shortlist')
  .description('export the proposed shortlist (or a saved one, with --name) as the xlsx 申请汇总表 or a CSV')
  .addOption(dbOption())
  .requiredOption('--set <id>', 'criteria set id')
  .requiredOption('--out <file>', 'FILE.xlsx or FILE.csv')
  .option('--year <year>', "data year Y (default: the pool's default data year)")
  .option('--pool <year>', 'pool year (default: the latest)')
  .option('--name <name>', 'a saved shortlist to export instead of the proposal')
  .option('--unit <text>', "填报单位 for the proposal (default: the one last saved on a shortlist)")
  .option('--include-drafts', 'with --name: list the draft entries too, with a 状态 column (default: 推荐 entries only)')
  .option('--force', 'overwrite the output file if it exists')
  .action((o: { db: string; set: string; out: string; year?: string; pool?: string; name?: string; unit?: string; includeDrafts?: boolean; force?: boolean }) =>
    run(async () => {
      const format = path.extname(o.out).slice(1).toLowerCase();
      if (format !== 'xlsx' && format !== 'csv') fail(`输出文件须以 .xlsx 或 .csv 结尾：${o.out}`, 2);
      const out = path.resolve(o.out);
      if (!o.force && fs.existsSync(out)) fail(`目标文件已存在，未作改动：${out}（加 --force 覆盖）`);
      const file = (await query(o.db, async (call) => {
        const years = (await call('pool.years', {})) as { year: number; defaultDataYear: number | null }[];
        const pool = o.pool ? years.find((y) => y.year === Number(o.pool)) : years[0];
        if (!pool) throw new AppError('not_found', o.pool ? `没有 ${o.pool} 年度培育库` : '数据文件中没有培育库年度');
        if (o.name) {
          const lists = (await call('shortlist.list', {})) as { id: number; name: string; setId: string }[];
          const found = lists.find((l) => l.name === o.name);
          if (!found) throw new AppError('not_found', `没有名为“${o.name}”的推荐名单；已有：${lists.map((l) => l.name).join('、') || '无'}`);
          return call('shortlist.export', { id: found.id, format, includeDrafts: Boolean(o.includeDrafts) });
        }
        const dataYear = o.year ? Number(o.year) : (pool.defaultDataYear ?? undefined);
        return call('shortlist.exportProposal', { year: pool.year, setId: o.set, dataYear, fillingUnit: o.unit, format, limit: 500 });
      })) as { fileName: string; base64: string };
      await writeFileAtomic(out, Buffer.from(file.base64, 'base64'));
      process.stdout.write(`已导出：${out}\n`);
    }),
  );

program
  .command('import')
  .description('take in a filled template (xlsx or CSV): check it, show what would change, and apply it')
  .addOption(dbOption())
  .requiredOption('--file <path>', 'the xlsx or CSV file')
  .option('--sheet <name>', 'the worksheet (default: 企业年度数据, else the first with a header row)')
  .addOption(new Option('--encoding <enc>', 'CSV encoding (default: detected)').choices(['utf8', 'gbk']))
  .option('--pool <year>', 'add the file\'s firms to this pool year')
  .option('--unit <column=unit>', 'the unit of a money column whose values look like 元 in a 万元 column, e.g. 营业收入=元 or 营业收入=万元 (repeatable)', (v: string, all: string[] = []) => [...all, v])
  .option('--dry-run', 'check and report, write nothing')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action((o: { db: string; file: string; sheet?: string; encoding?: 'utf8' | 'gbk'; pool?: string; unit?: string[]; dryRun?: boolean; format: 'text' | 'json' }) =>
    run(async () => {
      if (!fs.existsSync(o.file)) fail(`找不到文件：${o.file}`);
      const units = unitChoices(o.unit ?? []);
      const input = {
        fileName: path.basename(o.file),
        path: path.resolve(o.file), // read by the service, not carried as text
        sheet: o.sheet,
        encoding: o.encoding,
        units,
        poolYear: o.pool ? Number(o.pool) : undefined,
        addToPool: Boolean(o.pool),
      };
      // Checking a file reads the data file only: a dry run needs no lock and works while the app has the file open.
      const report = (await (o.dryRun ? query : write)(o.db, (call) => call('import.analyse', input))) as ImportReportOut;
      if (report.refused) {
        process.stdout.write(o.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : importText(report, false));
        process.exitCode = 1;
        return;
      }
      if (o.dryRun) {
        process.stdout.write(o.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : importText(report, false));
        return;
      }
      const applied = (await write(o.db, (call) => call('import.apply', input))) as { report: ImportReportOut; snapshot: string };
      process.stdout.write(o.format === 'json' ? JSON.stringify({ ...applied.report, applied: true, snapshot: applied.snapshot }, null, 2) + '\n' : importText(applied.report, true, applied.snapshot));
    }),
  );

program
  .command('template')
  .description('write the blank annual data template (xlsx with instructions, or CSV)')
  .requiredOption('--out <file>', 'FILE.xlsx or FILE.csv')
  .action((o: { out: string }) =>
    run(async () => {
      const format = path.extname(o.out).slice(1).toLowerCase();
      if (format !== 'xlsx' && format !== 'csv') fail(`输出文件须以 .xlsx 或 .csv 结尾：${o.out}`, 2);
      const bytes = format === 'xlsx' ? await templateXlsx() : templateCsv();
      await writeFileAtomic(path.resolve(o.out), bytes);
      process.stdout.write(`已写出空白模板：${path.resolve(o.out)}\n`);
    }),
  );

program
  .command('export-data')
  .description("write a pool's figures in the template layout (re-importing it changes nothing)")
  .addOption(dbOption())
  .option('--year <year>', 'pool year (default: every firm)')
  .requiredOption('--out <file>', 'FILE.xlsx or FILE.csv')
  .action((o: { db: string; year?: string; out: string }) =>
    run(async () => {
      const format = path.extname(o.out).slice(1).toLowerCase();
      if (format !== 'xlsx' && format !== 'csv') fail(`输出文件须以 .xlsx 或 .csv 结尾：${o.out}`, 2);
      const file = (await query(o.db, (call) => call('data.export', { poolYear: o.year ? Number(o.year) : undefined, format }))) as { base64: string };
      await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
      process.stdout.write(`已导出：${path.resolve(o.out)}\n`);
    }),
  );

program
  .command('snapshot')
  .description('list the snapshots of a data file, or take one with --take')
  .addOption(dbOption())
  .option('--take <reason>', 'take a snapshot now, with this reason')
  .action((o: { db: string; take?: string }) =>
    run(async () => {
      if (o.take) {
        const s = (await write(o.db, (call) => call('snapshot.create', { reason: o.take }))) as { id: number; file: string };
        process.stdout.write(`已建快照 ${s.id}：${s.file}\n`);
        return;
      }
      const info = (await query(o.db, (call) => call('app.info', {}))) as { snapshots: { id: number; createdAt: string; reason: string; file: string; exists: boolean; own: boolean }[] };
      process.stdout.write(info.snapshots.map((s) => `${s.id}\t${localDateTimeZh(s.createdAt)}\t${s.reason}\t${s.file}${snapshotNote(s)}`).join('\n') + (info.snapshots.length ? '\n' : '没有快照\n'));
    }),
  );

program
  .command('restore')
  .description('restore a snapshot (its integrity is checked and the current state is snapshotted first); --last-import undoes the last import')
  .addOption(dbOption())
  .option('--id <n>', 'the snapshot to restore (see `champion-pool snapshot`)')
  .option('--last-import', 'undo the last import: revert exactly what it wrote, keeping later work')
  .option('--keep-later', 'with --last-import: where later edits touch what the import wrote, keep them')
  .option('--revert-later', 'with --last-import: where later edits touch what the import wrote, revert them too')
  .action((o: { db: string; id?: string; lastImport?: boolean; keepLater?: boolean; revertLater?: boolean }) =>
    run(async () => {
      if (!o.id && !o.lastImport) fail('请用 --id 指定快照，或用 --last-import 撤销最近一次导入', 2);
      if (o.keepLater && o.revertLater) fail('--keep-later 与 --revert-later 只能选一个', 2);
      if (o.lastImport) {
        const conflicts = o.keepLater ? 'keep' : o.revertLater ? 'revert' : undefined;
        const out = await write(o.db, async (call) => {
          const plan = (await call('import.undoPlan', {})) as MethodOutput<'import.undoPlan'>;
          process.stdout.write(undoPlanText(plan));
          if (plan.conflicts.length && !conflicts) return null;
          return (await call('import.undo', { conflicts })) as MethodOutput<'import.undo'>;
        });
        if (!out) fail('未撤销：请加 --keep-later（保留之后的改动）或 --revert-later（一并撤销）后重试');
        process.stdout.write(`已撤销 ${out.undone.file}：撤销 ${out.reverted} 项写入${out.kept ? `，保留之后的改动 ${out.kept} 项` : ''}。撤销前的状态已存为快照：${out.before}\n`);
        return;
      }
      const r = await write(o.db, async (call) => {
        process.stdout.write(doneSinceText((await call('snapshot.since', { id: Number(o.id) })) as MethodOutput<'snapshot.since'>));
        return (await call('snapshot.restore', { id: Number(o.id) })) as { before: string };
      });
      process.stdout.write(`已恢复；恢复前的状态已存为快照：${r.before}\n`);
    }),
  );

/** `--unit 营业收入=元` → { 营业收入: '元' }. */
function unitChoices(given: string[]): Record<string, '元' | '万元' | '亿元'> | undefined {
  if (!given.length) return undefined;
  const out: Record<string, '元' | '万元' | '亿元'> = {};
  for (const g of given) {
    const m = /^(.+?)=(元|万元|亿元)$/.exec(g.trim());
    if (!m) fail(`--unit 的写法是 列名=单位，单位为 元、万元 或 亿元，如 --unit 营业收入=元（收到“${g}”）`, 2);
    out[m[1].trim()] = m[2] as '元' | '万元' | '亿元';
  }
  return out;
}

program
  .command('criteria')
  .description('list the criteria sets, their documents and confidence')
  .addOption(dbOption())
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action((o: { db: string; format: 'text' | 'json' }) =>
    run(async () => {
      const sets = await query(o.db, (call) => call('criteria.list', {}) as Promise<Parameters<typeof criteriaTable>[0]>, { missingOk: true });
      process.stdout.write(o.format === 'json' ? JSON.stringify(sets, null, 2) + '\n' : criteriaTable(sets));
    }),
  );

registerCriteriaCommands(program, { run, fail, query, write, dbOption });
registerRequestCommands(program, { run, fail, query, write, dbOption });
registerFinanceCommands(program, { run, fail, query, write, dbOption });
registerListingCommands(program, { run, fail, query, write, dbOption });
registerPackageCommands(program, { run, fail, query, write, dbOption });

program
  .command('serve')
  .description('browser mode: serve the app on 127.0.0.1 over this data file')
  .addOption(dbOption())
  .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '5180')
  .action((o: { db: string; port: string }) =>
    run(async () => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`端口无效：${o.port}`, 2);
      if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) fail('界面尚未构建：请先运行 npm run build（npm start 会自动构建）');
      const h = openPoolDb({ file: o.db, create: 'default' });
      let bridge: Awaited<ReturnType<typeof startBridge>> | undefined;
      const service = createService({
        db: h.db,
        dataFile: h.file,
        actor: actor(),
        appVersion: APP_VERSION,
        onChange: () => bridge?.emit('data:changed'),
        // Verdict sorts and filters worked out off the thread that answers the page's calls.
        evaluationWorker: path.basename(HERE) === 'cli' ? path.join(HERE, 'evaluationWorker.mjs') : path.join(HERE, '..', 'db', 'service', 'evaluationWorker.dev.mjs'),
        // Import files read and checked off it too.
        importWorker: path.basename(HERE) === 'cli' ? path.join(HERE, 'importWorker.mjs') : path.join(HERE, '..', 'db', 'service', 'importWorker.dev.mjs'),
      });
      try {
        bridge = await startBridge({ service, staticDir: UI_DIR, port });
      } catch (e) {
        h.close();
        throw e;
      }
      process.stdout.write(`数据文件：${h.file}${h.created ? '（新建，含2023年度默认培育库）' : ''}\n浏览器模式已启动，请在浏览器中打开：\n${bridge.openUrl}\n`);
      const stop = () => {
        void bridge!.close().then(() => {
          h.close();
          process.exit(0);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
  );

program
  .command('backup')
  .description('write a consistent copy of the data file (restore: replace the data file with it while the app is closed)')
  .addOption(dbOption())
  .requiredOption('--out <file>', 'where to write the copy')
  .action((o: { db: string; out: string }) =>
    run(() => {
      const out = path.resolve(o.out);
      if (fs.existsSync(out)) fail(`目标文件已存在，未作改动：${out}`);
      const h = openPoolDb({ file: o.db, readonly: true });
      const tmp = `${out}.partial-${process.pid}`;
      try {
        copyDatabase(h.db, tmp);
        fs.renameSync(tmp, out);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      } finally {
        h.close();
      }
      process.stdout.write(`已备份到：${out}\n`);
    }),
  );

localiseHelp(program);
await program.parseAsync(process.argv);
