// Whether a criteria set's rules apply to a pool year: the set's effective period against the calendar year of
// the pool (applications in year N are judged by the rules in force in N).

/** The first day of a period bound written as YYYY, YYYY-MM or YYYY-MM-DD. */
export function startOf(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

/** The last day of a period bound written as YYYY, YYYY-MM or YYYY-MM-DD. */
export function endOf(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number);
    // Stryker disable next-line StringLiteral: a month's last day always has two digits, so the padding never applies
    return `${d}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return d;
}

export type InForce = 'yes' | 'partly' | 'no';

/** `no`: not in force on any day of the pool year; `partly`: it ends within the year (a revised version takes
 * over during it); `yes` otherwise — a set that starts during the year is the one that year's rounds use. */
export function inForce(set: { effective_from: string; effective_to: string | null }, poolYear: number): InForce {
  const first = `${poolYear}-01-01`;
  const last = `${poolYear}-12-31`;
  const from = startOf(set.effective_from);
  const to = set.effective_to === null ? null : endOf(set.effective_to);
  if (from > last || (to !== null && to < first)) return 'no';
  return to !== null && to < last ? 'partly' : 'yes';
}
