// The `finance.*` methods wired to the service: writes go through `changed` (they touch no figure or verdict).
import type { financeMethods } from '../contracts/financing';
import type { PartContext } from './context';
import { deleteNeed, listNeeds, pushNeed, saveNeed, setResult } from './financing';
import { exportNeeds, importNeeds } from './financingFiles';
import type { Service } from './index';

const NONE = { kind: 'none' } as const;

export function financeService(ctx: PartContext): Pick<Service, keyof typeof financeMethods> {
  const { db, actor } = ctx;
  return {
    'finance.list': (input) => listNeeds(db, input),
    'finance.save': (input) => ctx.changed('finance.save', saveNeed(db, input, actor), NONE),
    'finance.delete': (input) => ctx.changed('finance.delete', deleteNeed(db, input.id, actor), NONE),
    'finance.push': (input) => ctx.changed('finance.push', pushNeed(db, input, actor), NONE),
    'finance.setResult': (input) => ctx.changed('finance.setResult', setResult(db, input, actor), NONE),
    'finance.export': (input) => exportNeeds(db, input),
    'finance.import': async (input) => {
      const report = await importNeeds(db, ctx.dataFile, input, actor);
      return report.applied ? ctx.changed('finance.import', report, NONE) : report;
    },
  };
}
