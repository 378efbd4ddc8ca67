// Imports: each applied file with its counts, the snapshot taken before it (for undo), and the row a
// changed value came from.
export const imports = `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  file TEXT NOT NULL,
  sheet TEXT,
  rows INTEGER NOT NULL,
  new_firms INTEGER NOT NULL,
  changed_values INTEGER NOT NULL,
  snapshot_file TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
ALTER TABLE value_overrides ADD COLUMN source_row INTEGER;
`;
