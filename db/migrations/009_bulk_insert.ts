// A bulk import writes each new firm's pinyin sort key with the row itself; the trigger now fills the key
// only for inserts that leave it out, so a province-sized file does not write every firm twice.
export const bulkInsert = `
DROP TRIGGER firms_name_sort_insert;
CREATE TRIGGER firms_name_sort_insert AFTER INSERT ON firms WHEN NEW.name_sort IS NULL BEGIN
  UPDATE firms SET name_sort = cp_sort_key(NEW.name) WHERE id = NEW.id;
END;
`;
