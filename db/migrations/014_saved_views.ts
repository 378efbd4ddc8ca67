// The pool table's saved views ("小巨人候选 · 高端装备 · 按营收"): a name, the analyst's order, and what the view
// restores (filters, sort, criteria set, data year) as validated JSON. Every change is in the audit log
// (entity `saved_view`), a deleted view's settings included.
export const savedViews = `
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  spec TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX saved_views_name ON saved_views(name);
`;
