// `champion-pool criteria import|remove|compare`: criteria sets added from a file, removed, and two sets compared
// over a pool. Registered on the `criteria` command (which, alone, lists the sets).
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { MethodOutput } from '../db/contract';
import { writeFileAtomic } from '../db/export/writeFile';
import { localDateTimeZh } from '../db/time';

type Caller = (method: string, input: unknown) => Promise<unknown>;
type Compare = MethodOutput<'criteria.compare'>;

export interface CliTools {
  run: (action: () => Promise<void> | void) => Promise<void>;
  fail: (message: string, code?: number) => never;
  query: <T>(dbFile: string, work: (call: Caller) => Promise<T>) => Promise<T>;
  write: <T>(dbFile: string, work: (call: Caller) => Promise<T>) => Promise<T>;
  dbOption: () => Option;
}

const VERDICT_ZH: Record<string, string> = { eligible: '达标', not_eligible: '未达标', incomplete: '数据不全', needs_review: '待研判' };
const MOVE_ZH: Record<string, string> = { gained: '新达标', lost: '不再达标', changed: '结论变化', same: '无变化' };

/** The JSON the issue names: rows of credit_code, name, from and to verdicts, and the counts. */
export function compareJson(r: Compare) {
  return {
    rows: r.rows.map((x) => ({ credit_code: x.creditCode, name: x.name, from: x.from, to: x.to })),
    counts: { firms: r.counts.firms, gained: r.counts.gained, lost: r.counts.lost, changed: r.counts.changed, same: r.counts.same, from: r.counts.from, to: r.counts.to },
  };
}

export function compareTable(r: Compare): string {
  const v = (x: string | null) => (x ? VERDICT_ZH[x] : '无数据');
  const lines = [
    `${r.year}年度培育库 · ${r.from.title}（${r.from.id}） → ${r.to.title}（${r.to.id}）`,
    ...[r.from, r.to].filter((s) => s.notice).map((s) => `注意（${s.id}）：${s.notice}`),
    ...r.rows.map((x) => {
      const why = x.deciding.map((d) => `${d.side === 'from' ? '原' : '新'}条件${d.criterionId}：${d.text}`).join('；');
      return `${x.name}\t${x.creditCode}\t${v(x.from)} → ${v(x.to)}\t${MOVE_ZH[x.move]}${why ? `\t${why}` : ''}`;
    }),
    `共 ${r.counts.firms} 家：新达标 ${r.counts.gained}，不再达标 ${r.counts.lost}，其他结论变化 ${r.counts.changed}，无变化 ${r.counts.same}`,
  ];
  return lines.join('\n') + '\n';
}

type SetInfo = MethodOutput<'criteria.list'>[number];

/** How a set names its document: the number, or that none was seen (never a placeholder). */
export const documentRef = (s: Pick<SetInfo, 'document'>): string => s.document.number ?? `${s.document.name}，无文号`;

/** A set's heading for the CLI: title and document, its notice, and a warning when not in force in the pool year. */
export function setHeading(s: SetInfo, poolYear: number): string {
  const lines = [`${poolYear}年度培育库 · ${s.title.zh}（${documentRef(s)}）`];
  if (s.notice) lines.push(`注意：${s.notice.zh}`);
  const period = `${s.effective_from} 至 ${s.effective_to ?? '今'}`;
  if (s.inForce === 'no') lines.push(`警告：该标准的适用期（${period}）不含 ${poolYear} 年`);
  if (s.inForce === 'partly') lines.push(`警告：该标准仅在 ${poolYear} 年的部分时间适用（${period}）`);
  return lines.join('\n');
}

export function registerCriteriaCommands(program: Command, t: CliTools): void {
  const criteria = program.commands.find((c) => c.name() === 'criteria');
  if (!criteria) throw new Error('the criteria command must be declared first');
  // `criteria --db F` lists; `criteria import --db F …`: the subcommand's own --db, not the listing's. Commander
  // needs positional options on every level above for that (the root has only --version and --help).
  program.enablePositionalOptions();
  criteria.enablePositionalOptions();

  criteria
    .command('import')
    .description('add a criteria set from a JSON file (the format of the shipped sets), validated the same way')
    .addOption(t.dbOption())
    .requiredOption('--file <path>', 'the criteria file (.json)')
    .action((o: { db: string; file: string }) =>
      t.run(async () => {
        if (!fs.existsSync(o.file)) t.fail(`找不到文件：${o.file}`);
        const text = fs.readFileSync(o.file, 'utf8');
        const r = (await t.write(o.db, (call) => call('criteria.import', { fileName: path.basename(o.file), text }))) as MethodOutput<'criteria.import'>;
        process.stdout.write(`已导入标准集 ${r.setId}（第 ${r.version} 版${r.replacesVersion ? `，取代第 ${r.replacesVersion} 版` : ''}），导入人 ${r.addedBy}，${localDateTimeZh(r.addedAt)}\n`);
      }),
    );

  criteria
    .command('remove')
    .description('remove a criteria set added from a file (an earlier version, if any, applies again)')
    .addOption(t.dbOption())
    .requiredOption('--id <id>', 'the set id')
    .action((o: { db: string; id: string }) =>
      t.run(async () => {
        const r = (await t.write(o.db, (call) => call('criteria.remove', { setId: o.id }))) as MethodOutput<'criteria.remove'>;
        process.stdout.write(`已删除标准集 ${r.setId} 第 ${r.removedVersion} 版${r.nowVersion ? `；现按第 ${r.nowVersion} 版评估` : ''}\n`);
      }),
    );

  criteria
    .command('compare')
    .description("every firm of a pool under two criteria sets: verdicts, the criteria that decide a difference, counts")
    .addOption(t.dbOption())
    .requiredOption('--from <id>', 'the set compared from')
    .requiredOption('--to <id>', 'the set compared to')
    .option('--year <year>', "data year Y (default: each firm's latest year with revenue)")
    .option('--pool <year>', 'pool year (default: the latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'also write the comparison as FILE.xlsx')
    .action((o: { db: string; from: string; to: string; year?: string; pool?: string; format: 'table' | 'json'; out?: string }) =>
      t.run(async () => {
        const dataYear = o.year === undefined ? undefined : Number(o.year);
        if (dataYear !== undefined && !Number.isInteger(dataYear)) t.fail(`年度无效：${o.year}`, 2);
        if (o.out && path.extname(o.out).toLowerCase() !== '.xlsx') t.fail(`输出文件须以 .xlsx 结尾：${o.out}`, 2);
        const { result, file } = await t.query(o.db, async (call) => {
          const years = (await call('pool.years', {})) as { year: number }[];
          const year = o.pool ? Number(o.pool) : years[0]?.year;
          if (year === undefined) t.fail('数据文件中没有培育库年度');
          const input = { from: o.from, to: o.to, year, dataYear };
          const result = (await call('criteria.compare', input)) as Compare;
          const file = o.out ? ((await call('criteria.compareExport', input)) as { base64: string }) : null;
          return { result, file };
        });
        if (file && o.out) await writeFileAtomic(path.resolve(o.out), Buffer.from(file.base64, 'base64'));
        // JSON stays exactly the named shape on stdout; the sets' notices go to stderr.
        if (o.format === 'json') {
          for (const s of [result.from, result.to]) if (s.notice) process.stderr.write(`注意（${s.id}）：${s.notice}\n`);
          process.stdout.write(JSON.stringify(compareJson(result), null, 2) + '\n');
        } else process.stdout.write(compareTable(result));
      }),
    );
}
