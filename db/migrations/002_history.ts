// What analysts add and change: value-level provenance for manual edits, the audit log, analyst inputs
// (flags, points, judgements) and the record of snapshots.
export const history = `
CREATE TABLE value_overrides (
  firm_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  field TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (firm_id, year, field),
  FOREIGN KEY (firm_id, year) REFERENCES firm_years(firm_id, year) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  firm_id INTEGER REFERENCES firms(id) ON DELETE SET NULL,
  year INTEGER,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  source_id INTEGER REFERENCES sources(id),
  note TEXT
);

CREATE TABLE analyst_inputs (
  id INTEGER PRIMARY KEY,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('flag', 'points', 'judgement')),
  key TEXT NOT NULL,
  set_id TEXT,
  value TEXT NOT NULL,
  note TEXT,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);

CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  reason TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  bytes INTEGER,
  created_at TEXT NOT NULL
);
`;
