// Criteria sets an analyst adds from a file (a new standard published between releases): the file's JSON as
// validated, who added it and when; a removed one is kept with who removed it, so the history stays readable.
export const criteriaLibrary = `
CREATE TABLE criteria_library (
  id INTEGER PRIMARY KEY,
  set_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  file_name TEXT NOT NULL,
  json TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  removed_by TEXT,
  removed_at TEXT
);
CREATE UNIQUE INDEX criteria_library_current ON criteria_library(set_id, version) WHERE removed_at IS NULL;
`;
