// Indexes that match the pool table's filters, search and sorts, and the history look-ups.
export const indexes = `
CREATE INDEX firms_town ON firms(town);
CREATE INDEX firms_chain ON firms(chain);
CREATE INDEX firms_name ON firms(name);
CREATE INDEX firm_years_year_revenue ON firm_years(year, revenue);
CREATE INDEX titles_code ON titles(code, firm_id);
CREATE INDEX pool_members_firm ON pool_members(firm_id);
CREATE INDEX audit_firm ON audit_log(firm_id, id);
CREATE INDEX analyst_inputs_firm ON analyst_inputs(firm_id, kind, key);
CREATE INDEX firm_years_source ON firm_years(source_id);
`;
