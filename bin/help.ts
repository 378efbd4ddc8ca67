// `--help` in the analyst's language. The commands are declared with English descriptions; on a system whose
// language is not English (the bureau's Chinese Windows and 信创 laptops) every description, heading and
// commander's own wording is put into Chinese here, once every command is declared. Option names never change.
import type { Command, Help, Option } from 'commander';

export type CliLang = 'zh' | 'en';

/** English only where the system says so (LC_ALL, LC_MESSAGES, LANG; Windows has no such variables but its
 * locale); Chinese otherwise, as every message the CLI prints already is. */
export function cliLang(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): CliLang {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || (platform === 'win32' ? Intl.DateTimeFormat().resolvedOptions().locale : '');
  return /^en(?:[_.@-]|$)/i.test(tag) ? 'en' : 'zh';
}

/** Every description the commands declare, in Chinese. A description missing here stays English (a test lists them). */
export const HELP_ZH: Record<string, string> = {
  // the program and commander's own
  '单项冠军培育库 — the command line of Champion Pool': '单项冠军培育库命令行',
  'display help for command': '显示帮助',
  'output the version number': '显示版本号',
  // shared options
  'the data file': '数据文件',
  'the per-user data file': '本用户的数据文件',
  'output format': '输出格式',
  'criteria set id': '标准集编号',
  'criteria set id (see `champion-pool criteria`)': '标准集编号（见 champion-pool criteria）',
  "data year Y (default: each firm's latest year with revenue)": '数据年度 Y（默认：各企业有营业收入的最近年度）',
  'pool year (default: the latest)': '培育库年度（默认：最近一年）',
  'FILE.xlsx or FILE.csv': '输出文件，FILE.xlsx 或 FILE.csv',
  // init, info
  'create a data file holding the default 2023 pool (or nothing, with --empty)': '新建数据文件，含2023年度默认培育库（加 --empty 则为空）',
  'create the schema only, without the default pool': '只建表结构，不含默认培育库',
  'schema version, pool years, counts and snapshots of a data file': '数据文件的结构版本、培育库年度、数量统计和快照',
  // evaluate, shortlist
  'evaluate every firm of a pool year against one criteria set': '按一个标准集评估某年度培育库的全部企业',
  'export the proposed shortlist (or a saved one, with --name) as the xlsx 申请汇总表 or a CSV':
    '导出系统建议的推荐名单（或加 --name 导出已保存的名单），格式为 xlsx 申请汇总表或 CSV',
  "data year Y (default: the pool's default data year)": '数据年度 Y（默认：该年度培育库的默认数据年度）',
  'a saved shortlist to export instead of the proposal': '要导出的已保存推荐名单的名称（不导出系统建议）',
  '填报单位 for the proposal (default: the one last saved on a shortlist)': '系统建议名单的填报单位（默认：最近保存在推荐名单上的填报单位）',
  'with --name: list the draft entries too, with a 状态 column (default: 推荐 entries only)': '与 --name 同用：草稿企业一并导出，并加“状态”列（默认只导出“推荐”企业）',
  'overwrite the output file if it exists': '输出文件已存在时覆盖它',
  // import, template, export-data
  'take in a filled template (xlsx or CSV): check it, show what would change, and apply it': '导入填好的模板（xlsx 或 CSV）：检查、列出将要改动的内容并写入',
  'the xlsx or CSV file': '要导入的 xlsx 或 CSV 文件',
  'the worksheet (default: 企业年度数据, else the first with a header row)': '工作表（默认：企业年度数据，没有则取第一个有表头的工作表）',
  'CSV encoding (default: detected)': 'CSV 编码（默认：自动识别）',
  "add the file's firms to this pool year": '把文件中的企业加入该年度培育库',
  'the unit of a money column whose values look like 元 in a 万元 column, e.g. 营业收入=元 or 营业收入=万元 (repeatable)':
    '金额列的单位（万元列中的数值像以元填写时），如 营业收入=元 或 营业收入=万元（可重复）',
  'check and report, write nothing': '只检查并报告，不写入',
  'write the blank annual data template (xlsx with instructions, or CSV)': '写出空白的年度数据模板（带填写说明的 xlsx，或 CSV）',
  "write a pool's figures in the template layout (re-importing it changes nothing)": '按模板格式导出培育库的数据（原样导回不会改动任何数据）',
  'pool year (default: every firm)': '培育库年度（默认：全部企业）',
  // snapshot, restore, backup
  'list the snapshots of a data file, or take one with --take': '列出数据文件的快照，或用 --take 新建一个',
  'take a snapshot now, with this reason': '现在新建快照，并写明原因',
  'restore a snapshot (its integrity is checked and the current state is snapshotted first); --last-import undoes the last import':
    '恢复快照（先检查快照完整，并为当前状态建快照）；--last-import 撤销最近一次导入',
  'the snapshot to restore (see `champion-pool snapshot`)': '要恢复的快照编号（见 champion-pool snapshot）',
  'undo the last import: revert exactly what it wrote, keeping later work': '撤销最近一次导入：只撤回它写入的内容，保留之后的工作',
  'with --last-import: where later edits touch what the import wrote, keep them': '与 --last-import 同用：之后的修改涉及导入写入的内容时，保留这些修改',
  'with --last-import: where later edits touch what the import wrote, revert them too': '与 --last-import 同用：之后的修改涉及导入写入的内容时，一并撤回',
  'write a consistent copy of the data file (restore: replace the data file with it while the app is closed)':
    '写出数据文件的完整副本（恢复方法：关闭程序后用它替换数据文件）',
  'where to write the copy': '副本的保存位置',
  // criteria
  'list the criteria sets, their documents and confidence': '列出标准集及其依据文件和可信度',
  'add a criteria set from a JSON file (the format of the shipped sets), validated the same way': '从 JSON 文件添加标准集（格式同内置标准集，按同样规则校验）',
  'the criteria file (.json)': '标准集文件（.json）',
  'remove a criteria set added from a file (an earlier version, if any, applies again)': '删除从文件添加的标准集（如有较早版本，恢复按其评估）',
  'the set id': '标准集编号',
  'every firm of a pool under two criteria sets: verdicts, the criteria that decide a difference, counts': '按两个标准集对比培育库的全部企业：判定、造成差异的条件、数量统计',
  'the set compared from': '对比的原标准集',
  'the set compared to': '对比的新标准集',
  'also write the comparison as FILE.xlsx': '同时把对比结果写为 FILE.xlsx',
  // serve
  'browser mode: serve the app on 127.0.0.1 over this data file': '浏览器模式：在 127.0.0.1 上以该数据文件提供本程序界面',
  'port on 127.0.0.1 (0 picks a free one)': '127.0.0.1 上的端口（0 表示自动选一个空闲端口）',
  // requests (诉求台账)
  "诉求台账: import, list, statistics and export of firms' requests": '诉求台账：导入、查看、统计和导出企业诉求',
  'check a filled ledger (xlsx or CSV) and show what would be added; without --dry-run, add it (a snapshot first)':
    '检查填好的台账（xlsx 或 CSV）并列出将要新增的诉求；不加 --dry-run 则写入（写入前先建快照）',
  'the ledger file': '台账文件',
  'the worksheet (default: 诉求台账, else the first with a header row)': '工作表（默认：诉求台账，没有则取第一个有表头的工作表）',
  'write the blank ledger template (xlsx, with a sheet of instructions)': '写出空白的诉求台账模板（xlsx，带填写说明）',
  'FILE.xlsx': '输出文件，FILE.xlsx',
  'the ledger as of a day (default today): status and overdue as of that day': '截至某日（默认今天）的台账：当日的办理状态和超期情况',
  'YYYY-MM-DD (default: today)': '日期，YYYY-MM-DD（默认：今天）',
  'which requests': '哪些诉求',
  'statistics per 责任部门, category, town and month, as of a day over a period': '截至某日、某一时段内按责任部门、诉求类别、镇街和月份的统计',
  'requests raised on or after this day': '提出日期不早于该日的诉求',
  'requests raised on or before this day (default: the as-of day)': '提出日期不晚于该日的诉求（默认：截至日）',
  'the ledger as the 专班 prints it (xlsx, A4 landscape), with a sheet that imports back': '专班打印用的台账（xlsx，A4 横向），另附一张可原样导回的工作表',
  'the 周报 or 月报 (xlsx): statistics of the week or month to the day, and what is overdue': '周报或月报（xlsx）：截至当日本周或本月的统计及超期诉求',
  'week or month': '周（week）或月（month）',
  // finance, listing, payouts (the letter's other lists)
  '融资需求名单: financing needs, the banks they were pushed to and each bank\u2019s result': '融资需求名单：融资需求、推送的银行及各银行的对接结果',
  'only the needs pushed to this bank': '只含推送给该银行的需求',
  '上市后备库: firms in the 竞跃 and 凌云 reserves, their dated stages and 退出': '上市后备库：竞跃、凌云后备库企业及其各阶段日期和退出情况',
  '竞跃 or 凌云 only': '只含竞跃或凌云',
  '奖补兑现台账: rewards and subsidies paid per firm (万元, exact)': '奖补兑现台账：按企业列出已兑现的奖励和补贴（万元，精确）',
  'one year only': '只含该年度',
  'the 填报单位 printed on the form': '表上打印的填报单位',
  'the date printed on the form (default: today)': '表上打印的日期（默认：今天）',
  'print the 融资需求名单': '显示融资需求名单',
  "write the 融资需求名单 as the bureau's printable xlsx (title, 填报单位, date, units, totals) or CSV": '按局里的打印格式导出融资需求名单（xlsx：标题、填报单位、日期、单位、合计行），或导出 CSV',
  'take in the 融资需求名单 from xlsx or CSV: every cell checked; a file with any error changes nothing': '从 xlsx 或 CSV 导入融资需求名单：逐格检查，文件有任何错误则不改动任何数据',
  'print the 上市后备库': '显示上市后备库',
  "write the 上市后备库 as the bureau's printable xlsx (title, 填报单位, date, units, totals) or CSV": '按局里的打印格式导出上市后备库（xlsx：标题、填报单位、日期、单位、合计行），或导出 CSV',
  'take in the 上市后备库 from xlsx or CSV: every cell checked; a file with any error changes nothing': '从 xlsx 或 CSV 导入上市后备库：逐格检查，文件有任何错误则不改动任何数据',
  'print the 奖补兑现台账': '显示奖补兑现台账',
  "write the 奖补兑现台账 as the bureau's printable xlsx (title, 填报单位, date, units, totals) or CSV": '按局里的打印格式导出奖补兑现台账（xlsx：标题、填报单位、日期、单位、合计行），或导出 CSV',
  'take in the 奖补兑现台账 from xlsx or CSV: every cell checked; a file with any error changes nothing': '从 xlsx 或 CSV 导入奖补兑现台账：逐格检查，文件有任何错误则不改动任何数据',
  // package (区 → 市)
  'pool packages (报送包): a district exports its pool year, a city merges them': '报送包：区县导出本年度培育库，市里合并各区县的报送包',
  "write the pool year's firms, figures with provenance, titles, membership, judgements, shortlists and the lists (诉求台账, 融资需求, 上市后备库, 奖补兑现) as one .cpool file":
    '把该年度培育库的企业、带来源的数据、称号、入库情况、研判、推荐名单及诉求台账、融资需求、上市后备库、奖补兑现台账写成一个 .cpool 文件',
  'the pool year': '培育库年度',
  'the district sending it, e.g. 峄城区': '报送的区县，如 峄城区',
  'the package file (.cpool)': '报送包文件（.cpool）',
  'the sending bureau, e.g. 峄城区工业和信息化局': '报送单位，如 峄城区工业和信息化局',
  "sign with the district's Ed25519 private key (PEM, from `package keygen`)": '用区县的 Ed25519 私钥签名（PEM，由 package keygen 生成）',
  "merge districts' packages into the city file by credit code (a snapshot first; conflicts stay open unless --prefer)":
    '按统一社会信用代码把各区县的报送包合并到市级数据文件（先建快照；不加 --prefer 时冲突保持待定）',
  'a package (.cpool); repeat for several': '报送包（.cpool）；多个时重复此选项',
  'show what would be merged and every conflict, write nothing': '列出将合并的内容和全部冲突，不写入',
  'settle every conflict that district reported with its value': '凡该区县报送的冲突，都取该区县的数值',
  "a district's public key (PEM): its packages must carry its signature; repeat for several": '区县的公钥（PEM）：该区县的报送包必须带有其签名；多个时重复此选项',
  'the conflicts merges left open (or all, with --all)': '合并后待定的冲突（加 --all 则列出全部）',
  'also those settled': '包括已处理的冲突',
  "settle a conflict with one district's value (or 本库: keep the city's)": '取某一区县的数值处理一条冲突（或 本库：保留市里原有的数值）',
  'the conflict (see `package conflicts`)': '冲突编号（见 champion-pool package conflicts）',
  'whose value to take': '取哪个区县的数值',
  "make a district's Ed25519 key pair: the private key signs its packages, the city keeps the public key": '生成区县的 Ed25519 密钥对：私钥用于给报送包签名，公钥交市里保存',
  'the district': '区县',
  "the districts' public keys this file holds (a held district's packages must carry its signature); add or remove one":
    '本数据文件登记的区县公钥（已登记公钥的区县，其报送包必须带有相符的签名）；登记或删除公钥',
  "hold a district's public key (PEM, from `package keygen`)": '登记区县的公钥（PEM，由 package keygen 生成），写法：区县=公钥文件',
  "stop holding a district's key": '删除某区县的公钥',
  'where to write <district>-私钥.pem and <district>-公钥.pem': '写出 <区县>-私钥.pem 和 <区县>-公钥.pem 的文件夹',
};

const TITLES_ZH: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

const zh = (s: string | undefined) => (s ? (HELP_ZH[s] ?? s) : s);

/** commander's optionDescription, worded in Chinese: "（可选：…；默认：…）". */
function optionDescriptionZh(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`可选：${option.argChoices.join('、')}`);
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault) extra.push(`默认：${option.defaultValueDescription || String(option.defaultValue)}`);
  return extra.length ? `${option.description}（${extra.join('；')}）` : option.description;
}

/** commander's error lines ("error: required option '--set <id>' not specified") in Chinese. */
export function errorZh(message: string): string {
  return message
    .replace(/^error: required option '(.+)' not specified/m, '错误：缺少必需的选项 $1')
    .replace(/^error: unknown option '(.+)'/m, '错误：未知选项 $1')
    .replace(/^error: unknown command '(.+)'/m, '错误：未知命令 $1')
    .replace(/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\./m, '错误：选项 $1 的值 “$2” 无效，可选：$3。')
    .replace(/^error: option '(.+)' argument missing/m, '错误：选项 $1 缺少值')
    .replace(/^error: too many arguments(?: for '(.+)')?\..*/m, '错误：参数过多')
    .replace(/\(Did you mean (.+)\?\)/, '（是否想输入 $1？）');
}

/** Every command of the tree, the program first. */
export function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/** Puts the help of `program` and all its commands into `lang` (English is how they are declared). */
export function localiseHelp(program: Command, lang: CliLang = cliLang()): void {
  if (lang === 'en') return;
  for (const cmd of allCommands(program)) {
    cmd.description(zh(cmd.description()) ?? '');
    for (const o of cmd.options) {
      o.description = zh(o.description) ?? '';
      o.defaultValueDescription = zh(o.defaultValueDescription);
    }
    cmd.helpOption('-h, --help', HELP_ZH['display help for command']);
    if (cmd.commands.length) cmd.helpCommand('help [command]', '显示某个命令的帮助');
    cmd.configureHelp({
      styleTitle: (title: string) => TITLES_ZH[title] ?? title,
      optionDescription: optionDescriptionZh,
    } as Partial<Help>);
    const output = cmd.configureOutput();
    cmd.configureOutput({ ...output, outputError: (s, write) => write(errorZh(s)) });
  }
}
