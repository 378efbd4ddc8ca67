// The data file's identity: a UUID kept in the file with the place it was last opened for writing, so a copy
// can tell it is one; and the identity of the file that took each snapshot, so a copy never rotates, undoes
// to or restores another file's snapshots. The identity row itself is written on the first open for writing.
export const fileIdentity = `
CREATE TABLE data_file (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  identity TEXT NOT NULL,
  path TEXT NOT NULL,
  device TEXT NOT NULL,
  inode TEXT NOT NULL,
  bound_at TEXT NOT NULL
);
ALTER TABLE snapshots ADD COLUMN owner TEXT;
`;
