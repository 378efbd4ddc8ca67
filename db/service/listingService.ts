// The `listing.*` and `payments.*` methods wired to the service: writes go through `changed` (no figure or
// verdict depends on them).
import type { listingMethods } from '../contracts/listing';
import type { PartContext } from './context';
import type { Service } from './index';
import { listListing, saveListing, setStage } from './listing';
import { exportListing, exportPayments, importListing, importPayments } from './listingFiles';
import { deletePayment, listPayments, savePayment } from './payments';

const NONE = { kind: 'none' } as const;

export function listingService(ctx: PartContext): Pick<Service, keyof typeof listingMethods> {
  const { db, actor } = ctx;
  return {
    'listing.list': (input) => listListing(db, input),
    'listing.save': (input) => ctx.changed('listing.save', saveListing(db, input, actor), NONE),
    'listing.setStage': (input) => ctx.changed('listing.setStage', setStage(db, input, actor), NONE),
    'listing.export': (input) => exportListing(db, input),
    'listing.import': async (input) => {
      const r = await importListing(db, ctx.dataFile, input, actor);
      return r.applied ? ctx.changed('listing.import', r, NONE) : r;
    },
    'payments.list': (input) => listPayments(db, input),
    'payments.save': (input) => ctx.changed('payments.save', savePayment(db, input, actor), NONE),
    'payments.delete': (input) => ctx.changed('payments.delete', deletePayment(db, input.id, actor), NONE),
    'payments.export': (input) => exportPayments(db, input),
    'payments.import': async (input) => {
      const r = await importPayments(db, ctx.dataFile, input, actor);
      return r.applied ? ctx.changed('payments.import', r, NONE) : r;
    },
  };
}
