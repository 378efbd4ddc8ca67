// The names of what an analyst records (a flag, a criterion's judgement, an indicator's points), read from
// the criteria data so histories say "单项冠军 2023 · 能耗达到限额标准先进值", never "judgement:…:energy_advanced".
import type Database from 'better-sqlite3';
import { findSet, librarySets } from './library';
import type { CriteriaSet, Rule } from './schema';

export interface Bilingual {
  zh: string;
  en: string;
}

/** The text a rule gives the flag or review `key`, searched through its nested rules. */
function ruleText(rule: Rule, kind: 'flag' | 'review', key: string): Bilingual | null | undefined {
  if (kind === 'flag' && 'flag' in rule) return rule.flag === key ? rule.text : undefined;
  if (kind === 'review' && 'review' in rule) return rule.review === key ? (rule.text ?? null) : undefined;
  const inner: Rule[] =
    'all' in rule ? rule.all : 'any' in rule ? rule.any : 'each_year' in rule ? [rule.rule] : 'when' in rule ? [rule.when, rule.then, rule.else] : 'cases' in rule ? rule.cases.map((c) => c.rule) : [];
  for (const r of inner) {
    const found = ruleText(r, kind, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function inSet(set: CriteriaSet, kind: 'flag' | 'review' | 'points', key: string): Bilingual | undefined {
  if (kind === 'points') {
    for (const table of Object.values(set.scores)) for (const ind of table.indicators) if (ind.input === key) return ind.label;
    return undefined;
  }
  for (const c of set.criteria) {
    const found = ruleText(c.rule, kind, key);
    if (found !== undefined) return found ?? c.text; // a review without its own text is the criterion itself
  }
  return undefined;
}

/**
 * The name of an analyst-input audit field (`flag:KEY`, `points:KEY`, `judgement:SET:KEY`), or null when the
 * criteria data no longer has it (a removed set): the screen then shows the key as recorded.
 */
export function inputSubject(db: Database.Database, field: string): Bilingual | null {
  const [kind, ...rest] = field.split(':');
  if (kind === 'judgement' && rest.length === 2) {
    const set = findSet(db, rest[0]);
    const name = set && inSet(set, 'review', rest[1]);
    return set && name ? { zh: `${set.title.zh} · ${name.zh}`, en: `${set.title.en} · ${name.en}` } : null;
  }
  if ((kind === 'flag' || kind === 'points') && rest.length === 1) {
    for (const set of librarySets(db)) {
      const name = inSet(set, kind, rest[0]);
      if (name) return name;
    }
  }
  return null;
}
