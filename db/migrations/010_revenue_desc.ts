// The pool table's most used figure sort, biggest revenue first, read from an index in order (ties by firm id
// ascending, as every sort breaks them) instead of sorting a province's pool on each click.
export const revenueDesc = `
CREATE INDEX firm_years_year_revenue_desc ON firm_years(year, revenue DESC, firm_id);
`;
