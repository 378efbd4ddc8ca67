// `champion-pool finance|listing|payouts import|list|export`: the letter's other lists from the command line,
// over the same service methods as the app (`--db`, `--file`, `--out`, `--format`, `--dry-run` as elsewhere).
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { MethodOutput } from '../db/contract';
import type { ListImportReportT } from '../db/contracts/lists';
import { writeFileAtomic } from '../db/export/writeFile';
import type { CliTools } from './criteria';

type Caller = (method: string, input: unknown) => Promise<unknown>;
type Format = 'table' | 'json' | 'csv';

/** What a list group needs: its methods, the JSON items the CLI prints and their table columns. */
export interface ListGroup<T> {
  name: string;
  description: string;
  listName: string;
  methods: { list: string; export: string; import: string };
  /** The list's items, read through the service. */
  items: (call: Caller, o: Record<string, string | undefined>) => Promise<T[]>;
  json: (item: T) => Record<string, unknown>;
  /** Extra options of `list` and `export` (e.g. --bank). */
  filters?: { flag: string; description: string }[];
  exportInput?: (o: Record<string, string | undefined>) => Record<string, unknown>;
  /** Lines under the table: totals and the district's context. */
  footer?: (call: Caller, items: T[]) => Promise<string[]>;
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : Array.isArray(v) ? v.join('、') : String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};

export function reportText(r: ListImportReportT, listName: string): string {
  const lines = [`${r.fileName}（${r.format}${r.sheet ? `，工作表“${r.sheet}”` : ''}）：${listName} ${r.records} 条`];
  if (r.names.length) lines.push(`前几家企业：${r.names.join('、')}`);
  for (const p of r.problems) lines.push(`${p.level === 'error' ? '错误' : '提示'}：${p.sheet}${p.row ? ` 第 ${p.row} 行` : ''}${p.column ? `“${p.column}”列` : ''}${p.value ? `（${p.value}）` : ''}：${p.reason}`);
  if (r.refused) lines.push('文件有错误，未导入任何内容。请改正后重新导入。');
  else if (r.applied) lines.push(`已导入：新增 ${r.added} 条，已有 ${r.updated} 条按文件核对更新。导入前的快照：${r.snapshot}`);
  else lines.push(`检查通过（未写入）：将新增 ${r.added} 条，已有 ${r.updated} 条将按文件核对更新。`);
  return lines.join('\n') + '\n';
}

export function registerListCommands<T>(program: Command, t: CliTools, g: ListGroup<T>): void {
  const group = program.command(g.name).description(g.description);
  group.enablePositionalOptions();

  const list = group
    .command('list')
    .description(`print the ${g.listName}`)
    .addOption(t.dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'));
  for (const f of g.filters ?? []) list.option(f.flag, f.description);
  list.action((o: Record<string, string | undefined> & { db: string; format: Format }) =>
    t.run(async () => {
      const { items, footer } = await t.query(o.db, async (call) => {
        const items = await g.items(call, o);
        return { items, footer: o.format === 'table' && g.footer ? await g.footer(call, items) : [] };
      });
      const rows = items.map(g.json);
      if (o.format === 'json') return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      const keys = rows.length ? Object.keys(rows[0]) : [];
      if (o.format === 'csv') {
        const body = [keys, ...rows.map((r) => keys.map((k) => r[k]))].map((r) => r.map(csvCell).join(',')).join('\r\n');
        return void process.stdout.write('\ufeff' + body + '\r\n');
      }
      const lines = rows.map((r) => keys.map((k) => (Array.isArray(r[k]) ? (r[k] as unknown[]).join('、') : (r[k] ?? '—'))).join('\t'));
      process.stdout.write([keys.join('\t'), ...lines, ...footer].join('\n') + '\n');
    }),
  );

  const exp = group
    .command('export')
    .description(`write the ${g.listName} as the bureau's printable xlsx (title, 填报单位, date, units, totals) or CSV`)
    .addOption(t.dbOption())
    .requiredOption('--out <file>', 'FILE.xlsx or FILE.csv')
    .option('--unit <name>', 'the 填报单位 printed on the form')
    .option('--date <YYYY-MM-DD>', 'the date printed on the form (default: today)');
  for (const f of g.filters ?? []) exp.option(f.flag, f.description);
  exp.action((o: Record<string, string | undefined> & { db: string; out: string }) =>
    t.run(async () => {
      const format = path.extname(o.out).slice(1).toLowerCase();
      if (format !== 'xlsx' && format !== 'csv') t.fail(`输出文件须以 .xlsx 或 .csv 结尾：${o.out}`, 2);
      const input = { format, fillingUnit: o.unit, date: o.date, ...(g.exportInput?.(o) ?? {}) };
      const file = (await t.query(o.db, (call) => call(g.methods.export, input))) as MethodOutput<'finance.export'>;
      await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
      process.stdout.write(`已写出${g.listName}：${path.resolve(o.out)}\n`);
    }),
  );

  group
    .command('import')
    .description(`take in the ${g.listName} from xlsx or CSV: every cell checked; a file with any error changes nothing`)
    .addOption(t.dbOption())
    .requiredOption('--file <path>', 'the xlsx or CSV file')
    .addOption(new Option('--encoding <enc>', 'CSV encoding (default: detected)').choices(['utf8', 'gbk']))
    .option('--dry-run', 'check and report, write nothing')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((o: { db: string; file: string; encoding?: 'utf8' | 'gbk'; dryRun?: boolean; format: 'text' | 'json' }) =>
      t.run(async () => {
        if (!fs.existsSync(o.file)) t.fail(`找不到文件：${o.file}`);
        const input = { fileName: path.basename(o.file), path: path.resolve(o.file), encoding: o.encoding, dryRun: Boolean(o.dryRun) };
        // Checking reads the data file only: a dry run needs no lock.
        const r = (await (o.dryRun ? t.query : t.write)(o.db, (call) => call(g.methods.import, input))) as ListImportReportT;
        process.stdout.write(o.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : reportText(r, g.listName));
        if (r.refused) process.exitCode = 1;
      }),
    );
}
