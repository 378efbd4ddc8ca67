// Pool packages (报送包) that districts send and a city merges: each merged package with its manifest and the
// import record its writes are kept under (so undoing it reuses the import undo); the districts that reported
// each firm in each pool year (报送区县); the conflicts a merge left open or settled; and rows a merge or an
// import inserted into tables the import-writes ledger does not cover (analyst inputs, shortlists), so an undo
// removes exactly those.
export const packages = `
CREATE TABLE package_merges (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  package_id TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  district TEXT NOT NULL,
  bureau TEXT,
  pool_year INTEGER NOT NULL,
  exported_at TEXT NOT NULL,
  signature TEXT NOT NULL CHECK (signature IN ('none', 'unverified', 'verified')),
  file TEXT NOT NULL,
  merged_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX package_merges_package ON package_merges(package_id);
CREATE INDEX package_merges_hash ON package_merges(content_sha256);

CREATE TABLE pool_districts (
  year INTEGER NOT NULL,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  district TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  PRIMARY KEY (year, firm_id, district, import_id)
) WITHOUT ROWID;
CREATE INDEX pool_districts_district ON pool_districts(year, district, firm_id);

CREATE TABLE merge_conflicts (
  id INTEGER PRIMARY KEY,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  year INTEGER,
  field TEXT NOT NULL,
  -- [{ district, value, source, importId }]; importId null for the value the city file held
  candidates TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  chosen_district TEXT,
  resolved_how TEXT CHECK (resolved_how IN ('prefer', 'analyst')),
  resolved_by TEXT,
  resolved_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX merge_conflicts_status ON merge_conflicts(status, firm_id);

CREATE TABLE import_rows (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL CHECK (tbl IN ('analyst_inputs', 'shortlists')),
  row_id INTEGER NOT NULL
);
CREATE INDEX import_rows_import ON import_rows(import_id, tbl);
`;
