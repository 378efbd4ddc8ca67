// Firms, their yearly figures, titles and the pool, each row pointing at the source it came from.
import { FIGURES } from '../figures';

const figureColumns = FIGURES.map((f) => `  ${f.key} ${f.integer ? 'INTEGER' : 'REAL'}`).join(',\n');

export const core = `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sample', 'seed_letter', 'import', 'manual')),
  label TEXT NOT NULL,
  file TEXT,
  sheet TEXT,
  actor TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE firms (
  id INTEGER PRIMARY KEY,
  credit_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  town TEXT,
  chain TEXT,
  main_product TEXT,
  product_code TEXT,
  segment_since INTEGER,
  founded_year INTEGER,
  is_new_product INTEGER NOT NULL DEFAULT 0 CHECK (is_new_product IN (0, 1)),
  listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
  note TEXT,
  -- the firm's identity (name, code) and its profile (town, product, years…) may come from different sources
  source_id INTEGER NOT NULL REFERENCES sources(id),
  profile_source_id INTEGER REFERENCES sources(id)
);

CREATE TABLE firm_years (
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
${figureColumns},
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_row INTEGER,
  PRIMARY KEY (firm_id, year)
) WITHOUT ROWID;

CREATE TABLE titles (
  id INTEGER PRIMARY KEY,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
  year INTEGER,
  product TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  UNIQUE (firm_id, code)
);

CREATE TABLE pool_years (
  year INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  note TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  created_at TEXT NOT NULL
);

CREATE TABLE pool_members (
  year INTEGER NOT NULL REFERENCES pool_years(year) ON DELETE CASCADE,
  firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('member', 'kept', 'new', 'graduated', 'removed')),
  reason TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (year, firm_id)
) WITHOUT ROWID;
`;
