// `champion-pool requests import|template|list|stats|export|report`: the 诉求台账 from the command line, over the
// same contract methods the app uses. Registered on the program by bin/cli.ts.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import Papa from 'papaparse';
import type { MethodOutput } from '../db/contract';
import { neutralise } from '../db/export/cells';
import { writeFileAtomic } from '../db/export/writeFile';
import { STATUS_ZH, zhDate } from '../db/requestRules';
import { ledgerTemplate } from '../db/service/requestExport';
import type { CliTools } from './criteria';

type List = MethodOutput<'requests.list'>;
type Stats = MethodOutput<'requests.stats'>;
type Report = MethodOutput<'requests.importAnalyse'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The JSON the CLI promises: snake_case keys, dates as YYYY-MM-DD or null, status and overdue as of the day asked. */
export function listJson(list: List) {
  return list.rows.map((r) => ({
    id: r.id,
    credit_code: r.creditCode,
    firm: r.firm,
    in_pool: r.inPool,
    town: r.town,
    origin: r.origin,
    category: r.category,
    content: r.content,
    handling: r.handling,
    department: r.department,
    received: r.received,
    assigned: r.assigned,
    deadline: r.deadline,
    closed: r.closed,
    result: r.result,
    visited: r.visited,
    rating: r.rating,
    status: r.status,
    status_zh: STATUS_ZH[r.status],
    overdue: r.overdue,
    closed_late: r.closedLate,
    light: r.light,
    rounds: r.rounds,
    sample: r.sample,
  }));
}

export function listTable(list: List): string {
  const lines = list.rows.map((r) =>
    [r.id, r.firm, r.category, r.content.replace(/\s+/g, ' '), r.department ?? '—', zhDate(r.received), zhDate(r.deadline) || '无时限', zhDate(r.closed) || '—', STATUS_ZH[r.status] + (r.overdue ? '（超期）' : r.closedLate ? '（超期办结）' : '')].join('\t'),
  );
  return [`截至${zhDate(list.asOf)}：共 ${list.total} 件（全部台账 ${list.counts.all} 件，未办结 ${list.counts.open} 件，超期 ${list.counts.overdue} 件）`, ['编号', '企业', '类别', '诉求内容', '责任部门', '提出日期', '办理时限', '办结日期', '状态'].join('\t'), ...lines].join('\n') + '\n';
}

export function listCsv(list: List): string {
  const rows = listJson(list);
  const fields = Object.keys(rows[0] ?? { id: 0 });
  // Text a spreadsheet could run as a formula is guarded, as in every CSV the app writes.
  return '\ufeff' + Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => neutralise((r as Record<string, string | number | boolean | null>)[f] as string | number | null))) }) + '\n';
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function statsTable(s: Stats): string {
  const head = ['', '受理', '办结', '按时办结', '超期办结', '未办结', '超期未办结', '平均办结天数', '满意率'].join('\t');
  const line = (g: Stats['byDepartment'][number]) => [g.key, g.received, g.closed, g.closedOnTime, g.closedLate, g.open, g.overdue, g.avgDaysToClose ?? '—', pct(g.satisfactionRate)].join('\t');
  const block = (title: string, groups: Stats['byDepartment']) => [`【${title}】`, head, ...groups.map(line)].join('\n');
  return (
    [
      `诉求统计：${s.from ? `${zhDate(s.from)}至${zhDate(s.to)}提出` : `${zhDate(s.to)}及以前提出`}，截至${zhDate(s.asOf)}`,
      block('合计', [{ key: '合计', ...s.total }]),
      block('按责任部门', s.byDepartment),
      block('按诉求类别', s.byCategory),
      block('按镇街', s.byTown),
      block('按月份', s.byMonth),
    ].join('\n\n') + '\n'
  );
}

export function importReportText(r: Report, applied: { added: number; snapshot: string } | null): string {
  const lines = [`文件：${r.fileName}（${r.format}${r.encoding ? `，${r.encoding}` : ''}）工作表：${r.sheet ?? '—'}`];
  for (const p of r.problems) lines.push(`${p.level === 'error' ? '错误' : '提示'}：${p.sheet} 第${p.row ?? '—'}行${p.column ? ` ${p.column}列` : ''}${p.value ? `（${p.value}）` : ''}：${p.reason}`);
  if (r.refused) lines.push('文件被拒绝，数据文件未作任何改动。');
  else {
    lines.push(`可导入 ${r.counts.rows} 件诉求；新登记企业 ${r.counts.newFirms} 家，其中培育库外 ${r.counts.outsidePool} 家`);
    if (r.newCategories.length) lines.push(`新增诉求类别：${r.newCategories.join('、')}`);
    if (r.newDepartments.length) lines.push(`新增责任部门：${r.newDepartments.join('、')}`);
    lines.push(applied ? `已导入 ${applied.added} 件；导入前快照：${applied.snapshot}` : '（试运行，未写入）');
  }
  return lines.join('\n') + '\n';
}

export function registerRequestCommands(program: Command, t: CliTools): void {
  const day = (name: string, v: string | undefined) => {
    if (v !== undefined && !DAY.test(v)) t.fail(`${name} 应写作 YYYY-MM-DD：${v}`, 2);
    return v;
  };
  const requests = program.command('requests').description('诉求台账: import, list, statistics and export of firms\' requests');

  requests
    .command('import')
    .description('check a filled ledger (xlsx or CSV) and show what would be added; without --dry-run, add it (a snapshot first)')
    .addOption(t.dbOption())
    .requiredOption('--file <path>', 'the ledger file')
    .option('--sheet <name>', 'the worksheet (default: 诉求台账, else the first with a header row)')
    .addOption(new Option('--encoding <enc>', 'CSV encoding (default: detected)').choices(['utf8', 'gbk']))
    .option('--dry-run', 'check and report, write nothing')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: { db: string; file: string; sheet?: string; encoding?: 'utf8' | 'gbk'; dryRun?: boolean; format: 'text' | 'json' }) =>
      t.run(async () => {
        if (!fs.existsSync(o.file)) t.fail(`找不到文件：${o.file}`);
        const input = { fileName: path.basename(o.file), path: path.resolve(o.file), sheet: o.sheet, encoding: o.encoding };
        const report = (await (o.dryRun ? t.query : t.write)(o.db, (call) => call('requests.importAnalyse', input))) as Report;
        if (report.refused || o.dryRun) {
          process.stdout.write(o.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : importReportText(report, null));
          if (report.refused) process.exitCode = 1;
          return;
        }
        const applied = (await t.write(o.db, (call) => call('requests.importApply', input))) as MethodOutput<'requests.importApply'>;
        process.stdout.write(o.format === 'json' ? JSON.stringify({ ...applied.report, applied: true, added: applied.added, snapshot: applied.snapshot }, null, 2) + '\n' : importReportText(applied.report, applied));
      }),
    );

  requests
    .command('template')
    .description('write the blank ledger template (xlsx, with a sheet of instructions)')
    .requiredOption('--out <file>', 'FILE.xlsx')
    .action((o: { out: string }) =>
      t.run(async () => {
        if (!/\.xlsx$/i.test(o.out)) t.fail(`输出文件须以 .xlsx 结尾：${o.out}`, 2);
        const file = await ledgerTemplate();
        await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
        process.stdout.write(`已写出诉求台账模板：${path.resolve(o.out)}\n`);
      }),
    );

  requests
    .command('list')
    .description('the ledger as of a day (default today): status and overdue as of that day')
    .addOption(t.dbOption())
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)')
    .addOption(new Option('--status <scope>', 'which requests').choices(['open', 'overdue', 'closed', 'all']).default('all'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action((o: { db: string; asOf?: string; status: 'open' | 'overdue' | 'closed' | 'all'; format: 'table' | 'json' | 'csv' }) =>
      t.run(async () => {
        const asOf = day('--as-of', o.asOf);
        const list = (await t.query(o.db, (call) => call('requests.list', { asOf, scope: o.status, sort: { column: 'received', dir: 'asc' }, limit: 5000 }))) as List;
        process.stdout.write(o.format === 'json' ? JSON.stringify(listJson(list), null, 2) + '\n' : o.format === 'csv' ? listCsv(list) : listTable(list));
      }),
    );

  requests
    .command('stats')
    .description('statistics per 责任部门, category, town and month, as of a day over a period')
    .addOption(t.dbOption())
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)')
    .option('--from <date>', 'requests raised on or after this day')
    .option('--to <date>', 'requests raised on or before this day (default: the as-of day)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((o: { db: string; asOf?: string; from?: string; to?: string; format: 'table' | 'json' }) =>
      t.run(async () => {
        const input = { asOf: day('--as-of', o.asOf), from: day('--from', o.from), to: day('--to', o.to) };
        const stats = (await t.query(o.db, (call) => call('requests.stats', input))) as Stats;
        process.stdout.write(o.format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : statsTable(stats));
      }),
    );

  requests
    .command('export')
    .description('the ledger as the 专班 prints it (xlsx, A4 landscape), with a sheet that imports back')
    .addOption(t.dbOption())
    .requiredOption('--out <file>', 'FILE.xlsx')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)')
    .addOption(new Option('--status <scope>', 'which requests').choices(['open', 'overdue', 'closed', 'all']).default('all'))
    .action((o: { db: string; out: string; asOf?: string; status: 'open' | 'overdue' | 'closed' | 'all' }) =>
      t.run(async () => {
        if (!/\.xlsx$/i.test(o.out)) t.fail(`输出文件须以 .xlsx 结尾：${o.out}`, 2);
        const file = (await t.query(o.db, (call) => call('requests.export', { asOf: day('--as-of', o.asOf), scope: o.status }))) as MethodOutput<'requests.export'>;
        await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
        process.stdout.write(`已写出诉求台账：${path.resolve(o.out)}\n`);
      }),
    );

  requests
    .command('report')
    .description('the 周报 or 月报 (xlsx): statistics of the week or month to the day, and what is overdue')
    .addOption(t.dbOption())
    .requiredOption('--out <file>', 'FILE.xlsx')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)')
    .addOption(new Option('--period <period>', 'week or month').choices(['week', 'month']).default('month'))
    .action((o: { db: string; out: string; asOf?: string; period: 'week' | 'month' }) =>
      t.run(async () => {
        if (!/\.xlsx$/i.test(o.out)) t.fail(`输出文件须以 .xlsx 结尾：${o.out}`, 2);
        const file = (await t.query(o.db, (call) => call('requests.report', { asOf: day('--as-of', o.asOf), period: o.period }))) as MethodOutput<'requests.report'>;
        await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
        process.stdout.write(`已写出${o.period === 'week' ? '周报' : '月报'}：${path.resolve(o.out)}\n`);
      }),
    );
}
