// Analysts switch criteria on and off (an unconfirmed one on, say); the choice is kept with who and when.
export const criteriaSettings = `
CREATE TABLE criteria_settings (
  set_id TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (set_id, criterion_id)
) WITHOUT ROWID;
`;
