// What each import wrote, so undoing it reverts exactly that and keeps later work: the firms and firm-years it
// created, each value and profile field it changed (with the value and source before), the titles and pool
// memberships it added. A firm the import created is one row: its years, titles and memberships go with it.
export const importWrites = `
CREATE TABLE import_writes (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('firm', 'year', 'figure', 'profile', 'title', 'member')),
  firm_id INTEGER NOT NULL,
  year INTEGER,
  field TEXT,
  old_value,
  new_value,
  old_source_id INTEGER,
  old_source_row INTEGER
);
CREATE INDEX import_writes_import ON import_writes (import_id);
ALTER TABLE imports ADD COLUMN writes_recorded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN undone_at TEXT;
ALTER TABLE imports ADD COLUMN undone_by TEXT;
`;
