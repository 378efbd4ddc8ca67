import { core } from './001_core';
import { history } from './002_history';
import { indexes } from './003_indexes';
import { criteriaSettings } from './004_criteria';
import { nameSort } from './005_name_sort';
import { shortlists } from './006_shortlists';
import { overview } from './007_overview';
import { imports } from './008_imports';
import { bulkInsert } from './009_bulk_insert';
import { revenueDesc } from './010_revenue_desc';
import { fileIdentity } from './011_file_identity';
import { importWrites } from './012_import_writes';
import { criteriaLibrary } from './013_criteria_library';
import { savedViews } from './014_saved_views';
import { requests } from './015_requests';
import { financeListingPayments } from './016_finance_listing_payments';
import { packages } from './017_packages';
import { packageLedgers } from './018_package_ledgers';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Ordered; never edit a shipped one — add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'core', sql: core },
  { version: 2, name: 'history', sql: history },
  { version: 3, name: 'indexes', sql: indexes },
  { version: 4, name: 'criteria settings', sql: criteriaSettings },
  { version: 5, name: 'pinyin name order', sql: nameSort },
  { version: 6, name: 'shortlists', sql: shortlists },
  { version: 7, name: 'overview settings', sql: overview },
  { version: 8, name: 'imports', sql: imports },
  { version: 9, name: 'sort key written with new firms', sql: bulkInsert },
  { version: 10, name: 'revenue index for the descending sort', sql: revenueDesc },
  { version: 11, name: 'data file identity', sql: fileIdentity },
  { version: 12, name: 'what each import wrote, for exact undo', sql: importWrites },
  { version: 13, name: 'criteria sets added from files', sql: criteriaLibrary },
  { version: 14, name: 'saved views of the pool table', sql: savedViews },
  { version: 15, name: 'requests ledger', sql: requests },
  { version: 16, name: 'financing needs, listing reserves and payments', sql: financeListingPayments },
  { version: 17, name: 'district pool packages merged into a city file', sql: packages },
  { version: 18, name: 'ledger rows a merged package inserted, for exact undo; districts\' public keys', sql: packageLedgers },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
