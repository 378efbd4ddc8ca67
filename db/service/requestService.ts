// 诉求台账 in the service: the contract's `requests.*` methods over the data file. "Today" comes from the
// context when a caller sets it (tests), else from this computer's calendar.
import type { requestMethods } from '../contracts/requests';
import { localToday } from '../requestRules';
import type { PartContext } from './context';
import { analyseLedger, applyLedger } from './requestImport';
import { exportLedger, exportReport, ledgerTemplate } from './requestExport';
import { listRequests } from './requestRows';
import { addRequestProgress, closeRequest, createRequest, deleteRequest, getRequest, handOver, requestLists, setRequestList, updateRequest, visitRequest } from './requests';
import { requestStats } from './requestStats';
import type { Service } from './index';

/** Ledger writes touch no figure, but a new firm outside the pool is data: the pool's cached counts are dropped. */
const LEDGER_ONLY = { kind: 'none' } as const;

export function requestService(ctx: PartContext): Pick<Service, keyof typeof requestMethods> {
  const { db, actor, changed } = ctx;
  const today = () => ctx.today?.() ?? localToday();
  const asOf = (input: { asOf?: string }) => input.asOf ?? today();
  return {
    'requests.list': (input) => listRequests(db, input, asOf(input)),
    'requests.get': (input) => getRequest(db, input.id, asOf(input)),
    'requests.create': (input) => changed('requests.create', createRequest(db, input, actor, asOf(input))),
    'requests.update': (input) => changed('requests.update', updateRequest(db, input, actor, asOf(input))),
    'requests.handover': (input) => changed('requests.handover', handOver(db, input, actor, asOf(input)), LEDGER_ONLY),
    'requests.progress': (input) => changed('requests.progress', addRequestProgress(db, input, actor, asOf(input)), LEDGER_ONLY),
    'requests.close': (input) => changed('requests.close', closeRequest(db, input, actor, asOf(input)), LEDGER_ONLY),
    'requests.visit': (input) => changed('requests.visit', visitRequest(db, input, actor, asOf(input)), LEDGER_ONLY),
    'requests.delete': (input) => changed('requests.delete', deleteRequest(db, input.id, actor), LEDGER_ONLY),
    'requests.lists': () => requestLists(db),
    'requests.setList': (input) => changed('requests.setList', setRequestList(db, input, actor), LEDGER_ONLY),
    'requests.stats': (input) => requestStats(db, input, today()),
    'requests.importAnalyse': (input) => analyseLedger(db, input),
    'requests.importApply': async (input) => changed('requests.importApply', await applyLedger(db, ctx.dataFile, input, actor)),
    'requests.template': () => ledgerTemplate(),
    'requests.export': (input) => exportLedger(db, input, today()),
    'requests.report': (input) => exportReport(db, input, today()),
  };
}
