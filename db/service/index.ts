// The one service: the contract's methods implemented over one open data file. IPC, the bridge and the CLI
// all call it through `dispatch`, which parses input and output with the contract's zod schemas.
import { z } from 'zod';
import { contract, type Envelope, type Method, type MethodOutput, type ParsedInput } from '../contract';
import { AppError, fromSqlite } from '../errors';
import { takeSnapshot } from '../snapshots';
import type { ServiceContext } from './context';
import { importService } from './imports';
import { overviewService } from './overview';
import { poolYearService } from './poolYear';
import { requestService } from './requestService';
import { savedViewService } from './savedViews';
import { financeService } from './financeService';
import { listingService } from './listingService';
import { packageService } from './packages';
import { sourceRefs } from '../store/sources';
import { listCriteria, recordInput, setCriterionEnabled } from './criteria';
import { addSet, removeSet } from '../criteria/library';
import { compareSets, compareXlsx } from './criteriaCompare';
import { createEvaluator, evaluateFirm, evaluatePool, type Effect } from './evaluation';
import { firmHistory, getFirm, updateFigures } from './firm';
import { exportProposal, exportShortlist } from './shortlistExport';
import {
  addToShortlist,
  annotateShortlist,
  createShortlist,
  deleteShortlist,
  getShortlist,
  listShortlists,
  moveInShortlist,
  proposeShortlist,
  removeFromShortlist,
  updateShortlist,
} from './shortlist';
import { appInfo } from './info';
import { poolFacets, poolList, poolYears } from './pool';
import { startEvaluationThread, type EvaluationThread } from './evaluationThread';
import { startImportThread, type ImportThread } from './importThread';

export type { ServiceContext };
export type Service = { [M in Method]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };


/** Writes that touch no figure, input, member or criterion: shortlists, snapshots, overview settings. */
const NO_EVALUATION: Effect = { kind: 'none' };

/** The data file each service works on, for the messages of raw SQLite errors. */
const dataFiles = new WeakMap<Service, string>();
const threads = new WeakMap<Service, (EvaluationThread | ImportThread)[]>();

/** Stops a service's evaluation thread (and its read-only connection) and its import thread before its data file
 * is closed. */
export async function closeService(service: Service): Promise<void> {
  await Promise.all((threads.get(service) ?? []).map((t) => t.close()));
}

export function createService(ctx: ServiceContext): Service {
  const thread = ctx.evaluationWorker ? startEvaluationThread(ctx.evaluationWorker, ctx.dataFile) : undefined;
  const importThread = ctx.importWorker ? startImportThread(ctx.importWorker) : undefined;
  const service = serviceOver(ctx, thread, importThread);
  dataFiles.set(service, ctx.dataFile);
  threads.set(service, [thread, importThread].filter((t) => t !== undefined));
  return service;
}

function serviceOver(ctx: ServiceContext, thread: EvaluationThread | undefined, importThread: ImportThread | undefined): Service {
  const { db } = ctx;
  const evaluator = createEvaluator(db, thread);
  // A pool's counts per set of filters, kept until a write.
  const totals = new Map<string, number>();
  const changed = <T>(method: Method, value: T, effect: Effect = { kind: 'data' }): T => {
    evaluator.changed(effect);
    if (effect.kind !== 'none') totals.clear();
    ctx.onChange?.(method);
    return value;
  };
  return {
    'app.info': () => appInfo(db, ctx.dataFile, ctx.appVersion),
    'pool.years': () => poolYears(db),
    'pool.facets': (input) => poolFacets(db, input),
    // A verdict sort or filter waits for the pool's evaluation off this thread (poolList's verdict table); other
    // calls are answered meanwhile.
    'pool.list': (input) => poolList(db, input, evaluator, totals),
    'firm.get': (input) => getFirm(db, input.firmId),
    'firm.updateFigures': (input) => changed('firm.updateFigures', updateFigures(db, input, ctx.actor), { kind: 'firm', firmId: input.firmId }),
    'firm.history': (input) => firmHistory(db, input),
    'criteria.list': (input) => listCriteria(db, input),
    // A set added or removed may read figures no other set reads: every cached evaluation and fact is dropped.
    'criteria.import': (input) => {
      const e = addSet(db, input.fileName, input.text, ctx.actor);
      return changed('criteria.import', { setId: e.set.id, version: e.set.version, replacesVersion: e.replacesVersion, addedBy: e.added!.by, addedAt: e.added!.at });
    },
    'criteria.remove': (input) => {
      const r = removeSet(db, input.setId, ctx.actor);
      return changed('criteria.remove', { setId: input.setId, removedVersion: r.removed, nowVersion: r.now?.set.version ?? null });
    },
    'criteria.compare': (input) => compareSets(db, evaluator, input),
    'criteria.compareExport': (input) => compareXlsx(db, evaluator, input),
    'criteria.setEnabled': (input) => changed('criteria.setEnabled', setCriterionEnabled(db, input, ctx.actor), { kind: 'criteria', setId: input.setId }),
    'evaluate.firm': (input) => evaluateFirm(db, input, (ids) => sourceRefs(db, ids)),
    'evaluate.pool': async (input) => {
      await evaluator.warm(input.setId, input.year, input.dataYear);
      return evaluatePool(evaluator, input);
    },
    'evaluate.progress': () => {
      const p = evaluator.progress();
      return p ? { running: true, setId: p.setId, year: p.poolYear, phase: p.phase, done: p.done, total: p.total } : { running: false, setId: null, year: null, phase: null, done: 0, total: 0 };
    },
    'analyst.record': (input) => changed('analyst.record', recordInput(db, input, ctx.actor), { kind: 'firm', firmId: input.firmId }),
    'shortlist.list': (input) => listShortlists(db, input),
    'shortlist.propose': async (input) => {
      await evaluator.warm(input.setId, input.year, input.dataYear);
      return proposeShortlist(evaluator, input);
    },
    'shortlist.create': (input) => changed('shortlist.create', createShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.get': (input) => getShortlist(db, evaluator, input.id),
    'shortlist.update': (input) => changed('shortlist.update', updateShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.addFirm': (input) => changed('shortlist.addFirm', addToShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.removeFirm': (input) => changed('shortlist.removeFirm', removeFromShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.move': (input) => changed('shortlist.move', moveInShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.annotate': (input) => changed('shortlist.annotate', annotateShortlist(db, evaluator, input, ctx.actor), NO_EVALUATION),
    'shortlist.delete': (input) => changed('shortlist.delete', deleteShortlist(db, input, ctx.actor), NO_EVALUATION),
    'shortlist.export': (input) => exportShortlist(db, evaluator, input),
    'shortlist.exportProposal': (input) => exportProposal(db, evaluator, input),
    'report.pdf': () => {
      throw new AppError('unavailable', '只有桌面版能直接生成 PDF；浏览器模式请用页面上的“打印”并选择“另存为 PDF”。');
    },
    'snapshot.create': (input) => changed('snapshot.create', takeSnapshot(db, ctx.dataFile, input.reason), NO_EVALUATION),
    ...overviewService({ ...ctx, changed, evaluator }),
    ...importService({ ...ctx, changed, evaluator }, importThread),
    ...poolYearService({ ...ctx, changed, evaluator }),
    ...requestService({ ...ctx, changed, evaluator }),
    ...savedViewService({ ...ctx, changed, evaluator }),
    ...financeService({ ...ctx, changed, evaluator }),
    ...listingService({ ...ctx, changed, evaluator }),
    ...packageService({ ...ctx, changed, evaluator }),
  };
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

function errorEnvelope(e: unknown, dataFile: string | undefined): Envelope<never> {
  if (e instanceof AppError) return { ok: false, error: e.toInfo() };
  const mapped = fromSqlite(e, dataFile ?? '');
  if (mapped) return { ok: false, error: mapped.toInfo() };
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, error: { code: 'internal', message } };
}

/** Parses the input, calls the method, checks the output; never throws. */
export async function dispatch(service: Service, method: string, raw: unknown): Promise<Envelope<unknown>> {
  if (!isMethod(method)) return { ok: false, error: { code: 'unknown_method', message: `未知操作：${method}` } };
  const spec = contract[method];
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: z.prettifyError(parsed.error), details: parsed.error.issues } };
  }
  try {
    const handler = service[method] as (input: unknown) => unknown;
    const data = await handler(parsed.data);
    return { ok: true, data: spec.output.parse(data) };
  } catch (e) {
    return errorEnvelope(e, dataFiles.get(service));
  }
}
