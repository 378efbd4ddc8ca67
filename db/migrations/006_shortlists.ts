// Shortlists (推荐名单): per pool year and criteria set, an ordered list of firms with a recommendation
// note, the verdict when added, and a status. Their history is in the audit log (entity `shortlist`).
export const shortlists = `
CREATE TABLE shortlists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  pool_year INTEGER NOT NULL REFERENCES pool_years(year) ON DELETE CASCADE,
  set_id TEXT NOT NULL,
  data_year INTEGER,
  filling_unit TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE shortlist_entries (
  shortlist_id INTEGER NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  note TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'recommended', 'withdrawn')),
  verdict_at_add TEXT,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (shortlist_id, firm_id)
) WITHOUT ROWID;

CREATE INDEX shortlist_entries_order ON shortlist_entries(shortlist_id, position);
ALTER TABLE audit_log ADD COLUMN shortlist_id INTEGER REFERENCES shortlists(id) ON DELETE SET NULL;
CREATE INDEX audit_shortlist ON audit_log(shortlist_id, id);
`;
