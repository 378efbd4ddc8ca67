// The desktop app as it will really run, without Electron's binary: the built main process boots in Node
// against a stand-in for Electron's API, and every contract method is called through the built preload and
// main's IPC handlers, served by the service thread on a temporary data file — imports of CSV and xlsx,
// every export saved through the save dialog, the printed report, a backup, a snapshot and a restore.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS, type Method, type MethodInput } from '../db/contract';
import ExcelJS from '../db/exceljs';
import { bootDesktop, type BootedDesktop } from './support/desktop';

const SET = 'cn-champion-2023';
const YEAR = 2023;
const called = new Set<Method>();
let app: BootedDesktop;

beforeAll(async () => {
  app = await bootDesktop();
}, 60_000);
afterAll(() => app?.dispose());

/** Calls a method through the page's window.api and expects success. */
async function ok<T = Record<string, unknown>>(method: Method, input: MethodInput<typeof method>): Promise<T> {
  called.add(method);
  const envelope = await app.invoke(method, input as never);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}\n${app.stderr()}`);
  return envelope.data as T;
}

type SavedFile = { fileName: string; base64: string; savedTo: string };

/** A file method: the shell saves the bytes where the (stand-in) dialog chose and sends only the path back. */
async function saved(method: Method, input: MethodInput<typeof method>): Promise<Buffer> {
  const file = await ok<SavedFile>(method, input);
  expect(file.base64).toBe('');
  expect(path.dirname(file.savedTo)).toBe(app.saveDir);
  return fs.readFileSync(file.savedTo);
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const isZip = (b: Buffer) => b.subarray(0, 2).toString('latin1') === 'PK';

describe('the built desktop app, booted in Node', () => {
  it('boots as Electron would: Chinese controls, sandbox and scheme before ready; then the data file, IPC, protocol, menu and one window', () => {
    const { calls, handlers, windows, menu, protocols } = app.boot;
    expect(calls[0]).toEqual(['app.commandLine.appendSwitch', 'lang', 'zh-CN']);
    expect(calls[1]).toEqual(['app.enableSandbox']);
    expect(calls[2][0]).toBe('protocol.registerSchemesAsPrivileged');
    expect(calls.filter(([n]) => n === 'dialog.showErrorBox')).toEqual([]);
    expect(handlers.sort()).toEqual(METHODS.map((m) => `cp:${m}`).sort());
    expect(protocols).toEqual(['app']);
    expect(calls.map(([n]) => n)).toContain('session.setPermissionRequestHandler');
    expect(fs.existsSync(path.join(app.home, 'userData', 'champion-pool.sqlite'))).toBe(true);
    expect(windows).toHaveLength(1);
    const [win] = windows;
    expect(win.shown).toBe(true);
    expect(win.guarded).toEqual({ windowOpen: true, willNavigate: true });
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(fs.existsSync(String(win.options.webPreferences.preload))).toBe(true);
    // The UI came from out/renderer through the app:// handler, with the CSP.
    expect(win.loads[0]).toMatchObject({ url: 'app://champion-pool/index.html', status: 200, type: 'text/html; charset=utf-8' });
    expect(win.loads[0].csp).toContain("default-src 'none'");
    expect(win.loads[0].body).toContain('<div id="root">');
    expect(menu?.map((m) => m.label)).toEqual(expect.arrayContaining(['文件', '编辑', '视图', '帮助']));
    // A built app, even unpackaged (npm start), has no Reload or developer tools.
    const roles = menu!.flatMap((m) => (m.submenu ?? []).map((i) => i.role));
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('zoomIn');
  });

  it('answers a call on a channel main does not serve with an error envelope, not a rejection', async () => {
    expect(await app.raw('cp:no.such', {})).toHaveProperty('rejected'); // what Electron's IPC does
    expect(await app.invoke('no.such' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('answers every contract method through the preload, IPC and the service thread', async () => {
    // Reading.
    const info = await ok<{ dataFile: string; schemaVersion: number }>('app.info', {});
    expect(info.dataFile).toBe(path.join(app.home, 'userData', 'champion-pool.sqlite'));
    await ok('pool.years', {});
    await ok('pool.facets', { year: YEAR });
    const list = await ok<{ rows: { firmId: number }[]; total: number }>('pool.list', { year: YEAR, setId: SET });
    expect(list.total).toBeGreaterThan(3);
    // A verdict sort is worked out on the evaluation thread, started from the built out/main/evaluationWorker.js.
    const byVerdict = await ok<{ rows: { verdict: string | null }[]; total: number }>('pool.list', { year: YEAR, setId: SET, sort: { column: 'verdict', dir: 'asc' } });
    expect(byVerdict.total).toBe(list.total);
    expect(byVerdict.rows.every((r) => r.verdict !== null)).toBe(true);
    const [a, b, c] = list.rows.map((r) => r.firmId);
    const firm = await ok<{ years: { year: number; values: Record<string, number | null> }[] }>('firm.get', { firmId: a });
    const dataYear = firm.years.at(-1)!.year;

    // Editing, with the page told of the change.
    const eventsBefore = (await app.state()).events.length;
    await ok('firm.updateFigures', { firmId: a, years: [{ year: dataYear, values: { employees: 321 } }], note: '桌面冒烟测试' });
    expect((await app.state()).events.slice(eventsBefore)).toContainEqual({ name: 'data:changed' });
    expect(await ok<unknown[]>('firm.history', { firmId: a })).not.toHaveLength(0);

    // Criteria and evaluation.
    const sets = await ok<{ id: string; criteria: { id: string }[] }[]>('criteria.list', {});
    const set = sets.find((s) => s.id === SET)!;
    await ok('criteria.setEnabled', { setId: SET, criterionId: set.criteria[0].id, enabled: false });
    await ok('criteria.setEnabled', { setId: SET, criterionId: set.criteria[0].id, enabled: true });
    await ok('evaluate.firm', { firmId: a });
    const pool = await ok<{ total: number }>('evaluate.pool', { year: YEAR, setId: SET });
    expect(pool.total).toBe(list.total);
    // Nothing under way once the evaluation has answered.
    expect(await ok<{ running: boolean }>('evaluate.progress', {})).toMatchObject({ running: false });
    await ok('analyst.record', { firmId: a, kind: 'flag', key: 'smoke_test', setId: SET, value: true, note: '冒烟测试' });

    // Shortlists, their exports and the printed report.
    await ok('shortlist.propose', { year: YEAR, setId: SET });
    const sl = await ok<{ id: number }>('shortlist.create', { name: '冒烟测试名单', year: YEAR, setId: SET, firmIds: [a, b] });
    await ok('shortlist.list', {});
    await ok('shortlist.get', { id: sl.id });
    await ok('shortlist.update', { id: sl.id, name: '冒烟测试名单（改）', fillingUnit: '区工信局' });
    await ok('shortlist.addFirm', { id: sl.id, firmId: c, note: '补充' });
    await ok('shortlist.move', { id: sl.id, firmId: c, position: 1 });
    await ok('shortlist.annotate', { id: sl.id, firmId: c, note: '已核实', status: 'recommended' });
    await ok('shortlist.removeFirm', { id: sl.id, firmId: b });
    expect(isZip(await saved('shortlist.export', { id: sl.id, format: 'xlsx' }))).toBe(true);
    expect((await saved('shortlist.export', { id: sl.id, format: 'csv' })).toString('utf8')).toContain('已核实');
    expect(isZip(await saved('shortlist.exportProposal', { year: YEAR, setId: SET, format: 'xlsx' }))).toBe(true);
    expect((await saved('report.pdf', { shortlistId: sl.id })).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printing = (await app.state()).windows[1];
    expect(printing.loads[0]).toMatchObject({ url: `app://champion-pool/index.html#/report/${sl.id}`, status: 200 });
    expect(printing.destroyed).toBe(true);
    const other = await ok<{ id: number }>('shortlist.create', { name: '待删除', year: YEAR, setId: SET });
    await ok('shortlist.delete', { id: other.id });

    // The overview.
    await ok('overview.get', { year: YEAR, setId: SET, today: '2026-03-01' });
    await ok('overview.setReward', { code: 'little_giant', amount: 50, source: '区财政奖励办法' });
    await ok('overview.setTarget', { key: 'high_growth_firms', value: 12, source: '区十四五规划' });
    await ok('overview.setCalendar', { track: 'little_giant', opens: '03-01', deadline: '04-30' });
    await ok('overview.setIndustrialFirms', { value: 480, year: YEAR, source: '区统计局' });

    // The pool year.
    await ok('poolYear.start', { year: YEAR + 1, from: YEAR });
    await ok('poolYear.setMember', { year: YEAR + 1, firmId: a, status: 'kept', reason: '指标稳定' });
    await ok('poolYear.recheck', { year: YEAR + 1, setId: SET });
    await ok('poolYear.compare', { a: YEAR, b: YEAR + 1 });

    // Saved views of the pool table.
    const view = await ok<{ id: number }>('views.save', { name: '小巨人候选 · 高端装备 · 按营收', spec: { title: 'little_giant', chain: '高端装备', sort: { column: 'revenue', dir: 'desc' }, setId: SET } });
    const second = await ok<{ id: number }>('views.save', { name: '达标企业', spec: { verdict: 'eligible' } });
    expect((await ok<{ name: string }[]>('views.reorder', { ids: [second.id, view.id] })).map((v) => v.name)).toEqual(['达标企业', '小巨人候选 · 高端装备 · 按营收']);
    await ok('views.delete', { id: second.id });
    expect((await ok<{ name: string }[]>('views.list', {})).map((v) => v.name)).toEqual(['小巨人候选 · 高端装备 · 按营收']);

    // The template and the data as files.
    expect(isZip(await saved('template.file', { format: 'xlsx' }))).toBe(true);
    expect((await saved('template.file', { format: 'csv' })).toString('utf8')).toContain('统一社会信用代码');
    const csv = (await saved('data.export', { poolYear: YEAR, format: 'csv' })).toString('utf8');
    const xlsx = await saved('data.export', { poolYear: YEAR, format: 'xlsx' });
    expect(isZip(xlsx)).toBe(true);

    // A CSV import: analyse, apply, history, undo.
    const revenueOf = async (firmId: number, year: number) =>
      (await ok<{ years: { year: number; values: { revenue: number | null } }[] }>('firm.get', { firmId })).years.find((y) => y.year === year)!.values.revenue;
    const rows = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    const header = rows[0];
    const revenueCol = header.findIndex((h) => h.startsWith('营业收入'));
    const yearCol = header.indexOf('年度');
    const codeCol = header.indexOf('统一社会信用代码');
    const row = rows.findIndex((r, i) => i > 0 && r[revenueCol] !== '');
    const target = { code: rows[row][codeCol], year: Number(rows[row][yearCol]), old: Number(rows[row][revenueCol]) };
    const firmId = (await ok<{ rows: { firmId: number; creditCode: string }[] }>('pool.list', { year: YEAR, search: target.code })).rows[0].firmId;
    rows[row][revenueCol] = String(target.old + 1000);
    const changedCsv = Papa.unparse(rows);
    // The desktop hands the service the chosen file's path (the preload's pathForFile), never its bytes.
    const csvPath = path.join(app.home, '年报更正.csv');
    fs.writeFileSync(csvPath, changedCsv);
    const analysed = await ok<{ refused: boolean; counts: { changedValues: number } }>('import.analyse', { fileName: '年报更正.csv', path: csvPath, setId: SET, poolYear: YEAR });
    expect(analysed).toMatchObject({ refused: false, counts: { changedValues: 1 } });
    // The file was read on the import thread, started from the built out/main/importWorker.js (a script missing or
    // failing there fails the analysis); nothing is under way once it has answered.
    expect(await ok<{ running: boolean }>('import.progress', {})).toEqual({ running: false, fileName: null, phase: null, rows: 0, done: 0, total: 0 });
    const applied = await ok<{ snapshot: string }>('import.apply', { fileName: '年报更正.csv', path: csvPath, poolYear: YEAR });
    expect(fs.existsSync(applied.snapshot)).toBe(true);
    expect(await revenueOf(firmId, target.year)).toBe(target.old + 1000);
    expect((await ok<{ file: string }[]>('import.history', {}))[0].file).toBe('年报更正.csv');
    const plan = await ok<{ import: { file: string }; conflicts: unknown[] }>('import.undoPlan', {});
    expect(plan).toMatchObject({ import: { file: '年报更正.csv' }, conflicts: [] });
    await ok('import.undo', {});
    expect(await revenueOf(firmId, target.year)).toBe(target.old);

    // A snapshot, then an xlsx import (the exported workbook with one figure changed), then the restore.
    const snap = await ok<{ id: number }>('snapshot.create', { reason: '导入 xlsx 之前' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    let edited = 0;
    book.worksheets[0].eachRow((r) => {
      if (String(r.getCell(codeCol + 1).value) === target.code && Number(r.getCell(yearCol + 1).value) === target.year) {
        r.getCell(revenueCol + 1).value = target.old + 2000;
        edited++;
      }
    });
    expect(edited).toBe(1);
    const changedXlsx = Buffer.from(await book.xlsx.writeBuffer());
    const analysedX = await ok<{ refused: boolean; format: string; counts: { changedValues: number } }>('import.analyse', { fileName: '年报更正.xlsx', base64: b64(changedXlsx), poolYear: YEAR });
    expect(analysedX).toMatchObject({ refused: false, format: 'xlsx', counts: { changedValues: 1 } });
    await ok('import.apply', { fileName: '年报更正.xlsx', base64: b64(changedXlsx), poolYear: YEAR });
    expect(await revenueOf(firmId, target.year)).toBe(target.old + 2000);
    const since = await ok<{ total: number }>('snapshot.since', { id: snap.id });
    expect(since.total).toBeGreaterThan(0); // the xlsx import, listed before the restore is confirmed
    const restored = await ok<{ before: string }>('snapshot.restore', { id: snap.id });
    expect(fs.existsSync(restored.before)).toBe(true);
    expect(await revenueOf(firmId, target.year)).toBe(target.old);

    // A criteria set added from a file, compared with the shipped one, exported, and removed.
    const shipped = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../assets/criteria/cn-champion-2023.json'), 'utf8'));
    const added = await ok<{ setId: string }>('criteria.import', { fileName: 'smoke-set.json', text: JSON.stringify({ ...shipped, id: 'smoke-champion', title: { zh: '冒烟测试标准', en: 'Smoke-test set' } }) });
    expect(added.setId).toBe('smoke-champion');
    const compared = await ok<{ counts: { firms: number } }>('criteria.compare', { from: SET, to: 'smoke-champion', year: YEAR });
    expect(compared.counts.firms).toBe(list.total);
    expect(isZip(await saved('criteria.compareExport', { from: SET, to: 'smoke-champion', year: YEAR }))).toBe(true);
    await ok('criteria.remove', { setId: 'smoke-champion' });

    // 诉求台账: a request through 交办, progress, 办结 and 回访; the lists, statistics, a ledger import and the files.
    const code = '91370405MA3C7K2E3Q';
    const rq = await ok<{ id: number; status: string }>('requests.create', { creditCode: code, origin: '镇街走访', category: '用地厂房', content: '扩建用地', received: '2024-03-01', handling: '上报专班', asOf: '2024-03-01' });
    expect(rq.status).toBe('pending');
    await ok('requests.update', { id: rq.id, takenBy: '王专员' });
    await ok('requests.handover', { id: rq.id, department: '区自然资源局', assigned: '2024-03-02', deadline: '2024-03-31', by: '专班' });
    await ok('requests.progress', { id: rq.id, date: '2024-03-15', note: '已踏勘', by: '区自然资源局' });
    await ok('requests.close', { id: rq.id, closed: '2024-04-02', result: '已供地', by: '区自然资源局' });
    expect((await ok<{ status: string; closedLate: boolean }>('requests.visit', { id: rq.id, visited: '2024-04-05', rating: '满意', by: '王专员', asOf: '2024-04-05' })).closedLate).toBe(true);
    expect((await ok<{ status: string }>('requests.get', { id: rq.id, asOf: '2024-04-05' })).status).toBe('visited');
    const lists = await ok<{ categories: string[] }>('requests.lists', {});
    await ok('requests.setList', { kind: 'category', names: [...lists.categories, '数字化改造'] });
    expect((await ok<{ total: { received: number } }>('requests.stats', { asOf: '2024-04-30' })).total.received).toBe(1);
    const ledgerPath = path.join(app.home, '诉求台账.csv');
    fs.writeFileSync(ledgerPath, `统一社会信用代码,企业名称,诉求类别,诉求内容,提出日期\n${code},鑫金山机械,融资,流动资金贷款,2024-04-01\n`);
    expect((await ok<{ counts: { rows: number } }>('requests.importAnalyse', { fileName: '诉求台账.csv', path: ledgerPath })).counts.rows).toBe(1);
    expect((await ok<{ added: number }>('requests.importApply', { fileName: '诉求台账.csv', path: ledgerPath })).added).toBe(1);
    const listed = await ok<{ rows: { id: number; content: string }[] }>('requests.list', { asOf: '2024-04-30' });
    expect(listed.rows.map((r) => r.content).sort()).toEqual(['扩建用地', '流动资金贷款']);
    await ok('requests.delete', { id: listed.rows.find((r) => r.content === '流动资金贷款')!.id });
    for (const [method, input] of [['requests.template', {}], ['requests.export', { asOf: '2024-04-30' }], ['requests.report', { asOf: '2024-04-30', period: 'month' }]] as const) expect(isZip(await saved(method, input))).toBe(true);
    // The 融资需求名单: a need pushed to two banks, one result, the 名单 saved, read back by path, and deleted.
    const need = await ok<{ id: number }>('finance.save', { creditCode: '91370405MA3C7K2E3Q', name: '鑫金山机械', project: '冒烟测试项目', amount: '1.2亿', purpose: '技术改造', method: '项目贷款' });
    await ok('finance.push', { needId: need.id, banks: ['工商银行', '农业银行'], pushedOn: '2023-08-01' });
    await ok('finance.setResult', { needId: need.id, bank: '工商银行', result: '已授信', credit: '5000万元' });
    expect((await ok<{ totals: { credit: number } }>('finance.list', {})).totals.credit).toBe(5000);
    const needsPath = path.join(app.home, '融资需求名单.xlsx');
    fs.writeFileSync(needsPath, await saved('finance.export', { format: 'xlsx', bank: '农业银行' }));
    expect(await ok('finance.import', { fileName: '融资需求名单.xlsx', path: needsPath, dryRun: true })).toMatchObject({ refused: false, records: 1, updated: 1 });
    await ok('finance.delete', { id: need.id });

    // The 上市后备库 and the 奖补 ledger: a firm added, a stage recorded, a payment; each list saved and read back.
    const reserve = await ok<{ id: number }>('listing.save', { name: '冒烟测试企业', reserve: '竞跃', enteredOn: '2023-01-05' });
    await ok('listing.setStage', { id: reserve.id, stage: '完成股改', onDate: '2023-06-01' });
    expect((await ok<{ firms: unknown[] }>('listing.list', {})).firms.length).toBeGreaterThanOrEqual(3);
    const listingPath = path.join(app.home, '上市后备库.xlsx');
    fs.writeFileSync(listingPath, await saved('listing.export', { format: 'xlsx' }));
    expect(await ok('listing.import', { fileName: '上市后备库.xlsx', path: listingPath, dryRun: true })).toMatchObject({ refused: false, added: 0 });
    const paid = await ok<{ id: number; amount: number }>('payments.save', { creditCode: '91370405MA3C7K2E3Q', name: '鑫金山机械', kind: '人才项目补贴', year: 2022, amount: '858.737' });
    expect(paid.amount).toBe(858.737);
    expect((await ok<{ total: number }>('payments.list', {})).total).toBe(858.737);
    const paymentsPath = path.join(app.home, '奖补台账.xlsx');
    fs.writeFileSync(paymentsPath, await saved('payments.export', { format: 'xlsx' }));
    expect(await ok('payments.import', { fileName: '奖补台账.xlsx', path: paymentsPath, dryRun: true })).toMatchObject({ refused: false, added: 0, updated: 1 });
    await ok('payments.delete', { id: paid.id });
    // 报送包: this pool year exported as a district's package (saved through the dialog), a figure then changed
    // here, and the package merged back by its path: that figure is a conflict, settled by taking the package's value.
    const pkgFile = await ok<SavedFile>('package.export', { poolYear: YEAR, district: '峄城区', bureau: '峄城区工业和信息化局' });
    expect(pkgFile.base64).toBe('');
    expect(fs.readFileSync(pkgFile.savedTo).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    const employees = (await ok<{ years: { year: number; values: { employees: number | null } }[] }>('firm.get', { firmId: a })).years.find((y) => y.year === dataYear)!.values.employees;
    await ok('firm.updateFigures', { firmId: a, years: [{ year: dataYear, values: { employees: (employees ?? 0) + 7 } }] });
    const pkgFiles = [{ fileName: path.basename(pkgFile.savedTo), path: pkgFile.savedTo }];
    const pkgPreview = await ok<{ conflicts: { field: string; values: { district: string }[] }[]; newFirms: number }>('package.preview', { files: pkgFiles });
    expect(pkgPreview).toMatchObject({ newFirms: 0, conflicts: [{ field: 'employees', values: [{ district: '本库' }, { district: '峄城区' }] }] });
    await ok('package.merge', { files: pkgFiles });
    const [pkgConflict] = await ok<{ id: number }[]>('package.conflicts', {});
    await ok('package.resolve', { id: pkgConflict.id, district: '峄城区' });
    expect((await ok<{ years: { year: number; values: { employees: number | null } }[] }>('firm.get', { firmId: a })).years.find((y) => y.year === dataYear)!.values.employees).toBe(employees);
    expect((await ok<{ districts: { district: string; firms: number }[] }>('package.districts', { year: YEAR })).districts).toEqual([{ district: '峄城区', firms: list.total }]);
    // A district's public key held, listed and removed again.
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const held = await ok<{ district: string; fingerprint: string }>('package.saveKey', { district: '峄城区', pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    expect((await ok<{ district: string }[]>('package.keys', {})).map((k) => k.district)).toEqual([held.district]);
    expect(await ok('package.deleteKey', { district: '峄城区' })).toEqual({ deleted: 1 });

    expect([...METHODS].filter((m) => !called.has(m))).toEqual([]);
    const { calls } = await app.state();
    // Every save asked before overwriting; the PDF took its paper and margins from the page's CSS.
    const saves = calls.filter(([n]) => n === 'dialog.showSaveDialog').map(([, o]) => (o as { properties?: string[] }).properties ?? []);
    expect(saves).toHaveLength(16); // the sixteen file answers above
    for (const properties of saves) expect(properties).toContain('showOverwriteConfirmation');
    expect(calls.filter(([n]) => n === 'webContents.printToPDF').map(([, o]) => o)).toEqual([{ printBackground: true, preferCSSPageSize: true }]);
    expect(calls.filter(([n]) => n === 'dialog.showErrorBox')).toEqual([]);
  }, 120_000);

  it('backs up the data file from the menu (on the service thread), with the overwrite question', async () => {
    const state = await app.click('backup', 'dialog.showMessageBox');
    const dialogCall = state.calls.findLast(([n]) => n === 'dialog.showSaveDialog')!;
    expect((dialogCall[1] as { properties: string[] }).properties).toContain('showOverwriteConfirmation');
    const message = state.calls.findLast(([n]) => n === 'dialog.showMessageBox')![1] as { title: string; detail: string };
    expect(message.title).toBe('备份完成');
    const file = message.detail.split('\n')[0];
    expect(path.dirname(file)).toBe(app.saveDir);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(state.calls.filter(([n]) => n === 'dialog.showErrorBox')).toEqual([]);
  });

  it('quits cleanly: the data file is closed and unlocked, the service thread ends, the process exits by itself', async () => {
    const lock = path.join(app.home, 'userData', 'champion-pool.sqlite.lock');
    expect(fs.existsSync(lock)).toBe(true);
    const { state, exitCode } = await app.quit();
    expect(state.quit).toBe(true);
    expect(state.handlers).toEqual([]);
    expect(fs.existsSync(lock)).toBe(false);
    expect(exitCode).toBe(0);
  });
});
