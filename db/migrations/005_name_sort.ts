// Sorting firms by name follows pinyin: a stored key, filled for existing rows and kept by triggers.
export const nameSort = `
ALTER TABLE firms ADD COLUMN name_sort TEXT;
UPDATE firms SET name_sort = cp_sort_key(name);
CREATE INDEX firms_name_sort ON firms(name_sort);
CREATE TRIGGER firms_name_sort_insert AFTER INSERT ON firms BEGIN
  UPDATE firms SET name_sort = cp_sort_key(NEW.name) WHERE id = NEW.id;
END;
CREATE TRIGGER firms_name_sort_update AFTER UPDATE OF name ON firms BEGIN
  UPDATE firms SET name_sort = cp_sort_key(NEW.name) WHERE id = NEW.id;
END;
`;
