// The analyst's column mapping, remembered per header row (the row's texts in order) in localStorage, so the
// next file with the same header row is mapped the same way.
export type Mapping = Record<string, string | null>;

const KEY = 'champion-pool-import-mappings';
const KEEP = 50;

export const headerSignature = (headers: readonly string[]) => JSON.stringify(headers);

function load(): Record<string, Mapping> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Mapping>) : {};
  } catch {
    return {};
  }
}

export function rememberedMapping(headers: readonly string[]): Mapping | null {
  const m = load()[headerSignature(headers)];
  return m && Object.keys(m).length ? m : null;
}

/** Saves (or, when empty, forgets) the mapping of this header row; the most recent ones are kept. */
export function rememberMapping(headers: readonly string[], mapping: Mapping): void {
  const all = load();
  const sig = headerSignature(headers);
  delete all[sig];
  if (Object.keys(mapping).length) all[sig] = mapping;
  const entries = Object.entries(all).slice(-KEEP);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // A full or disabled storage only loses the memory, never the import.
  }
}
