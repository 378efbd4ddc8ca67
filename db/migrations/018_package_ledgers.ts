// A merged package also brings the district's ledgers (诉求台账, 融资需求名单, 上市后备库, 奖补兑现): the rows a
// merge inserts into them are recorded beside its import like its analyst inputs and shortlists, so undoing the
// merge removes exactly those; `state` is such a row as inserted (with its child rows), so work done on it since
// is seen. SQLite cannot widen a CHECK in place, so the table is rebuilt: copied aside rather than renamed (a
// rename sets up the connection's temp schema). And the districts' public keys the city holds, so the app checks
// signed packages as the command line does.
export const packageLedgers = `
CREATE TABLE import_rows_before AS SELECT import_id, tbl, row_id FROM import_rows;
DROP TABLE import_rows;
CREATE TABLE import_rows (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL CHECK (tbl IN ('analyst_inputs', 'shortlists', 'requests', 'financing_needs', 'listing_firms', 'payments')),
  row_id INTEGER NOT NULL,
  state TEXT
);
INSERT INTO import_rows (import_id, tbl, row_id) SELECT import_id, tbl, row_id FROM import_rows_before;
DROP TABLE import_rows_before;
CREATE INDEX import_rows_import ON import_rows(import_id, tbl);

CREATE TABLE district_keys (
  district TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
`;
