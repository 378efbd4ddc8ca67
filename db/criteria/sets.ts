// The criteria sets the app ships, each a data file under assets/criteria, validated when loaded.
import champion2016 from '../../assets/criteria/cn-champion-2016-demo.json';
import champion2019 from '../../assets/criteria/cn-champion-2019-product.json';
import champion2023 from '../../assets/criteria/cn-champion-2023.json';
import innovative from '../../assets/criteria/cn-innovative-2022.json';
import littleGiant from '../../assets/criteria/cn-little-giant-2022.json';
import srdi from '../../assets/criteria/cn-srdi-2022.json';
import sdChampion from '../../assets/criteria/sd-champion-2023a.json';
import gazelle from '../../assets/criteria/sd-gazelle-2020.json';
import { CriteriaSetSchema, type CriteriaSet, type Rule } from './schema';

export class CriteriaFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`标准文件 ${file} 无效：${where} — ${problem}`);
    this.name = 'CriteriaFileError';
  }
}

function* rules(rule: Rule): Generator<Rule> {
  yield rule;
  if ('all' in rule) for (const r of rule.all) yield* rules(r);
  if ('any' in rule) for (const r of rule.any) yield* rules(r);
  if ('each_year' in rule) yield* rules(rule.rule);
  if ('when' in rule) for (const r of [rule.when, rule.then, rule.else]) yield* rules(r);
  if ('band' in rule) for (const c of rule.cases) yield* rules(c.rule);
}

/** Parses one criteria file; a malformed one is refused with the file, the place and the rule broken. */
export function parseCriteriaSet(file: string, json: unknown): CriteriaSet {
  const parsed = CriteriaSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CriteriaFileError(file, issue.path.join('.') || '(root)', issue.message);
  }
  const set = parsed.data;
  if (set.effective_to !== null && set.effective_to < set.effective_from) throw new CriteriaFileError(file, 'effective_to', `ends (${set.effective_to}) before it starts (${set.effective_from})`);
  const ids = new Set<string>();
  set.criteria.forEach((c, i) => {
    if (ids.has(c.id)) throw new CriteriaFileError(file, `criteria.${i}.id`, `duplicate criterion id ${c.id}`);
    ids.add(c.id);
  });
  set.criteria.forEach((c, i) => {
    if (c.replaces && !ids.has(c.replaces)) throw new CriteriaFileError(file, `criteria.${i}.replaces`, `no criterion ${c.replaces}`);
    if (c.confidence === 'unconfirmed' && c.enabled) throw new CriteriaFileError(file, `criteria.${i}.enabled`, 'an unconfirmed criterion must ship disabled');
    for (const r of rules(c.rule)) {
      if (!('score' in r)) continue;
      const table = set.scores[r.score];
      if (!table) throw new CriteriaFileError(file, `criteria.${i}.rule`, `no score table ${r.score}`);
      if (r.block && !table.indicators.some((ind) => ind.block === r.block)) throw new CriteriaFileError(file, `criteria.${i}.rule`, `no block ${r.block} in ${r.score}`);
    }
  });
  for (const [name, table] of Object.entries(set.scores)) {
    const sum = table.indicators.reduce((s, i) => s + i.max, 0);
    if (Math.abs(sum - table.max) > 1e-9) throw new CriteriaFileError(file, `scores.${name}`, `indicator maxima add up to ${sum}, not ${table.max}`);
  }
  return set;
}

const FILES: [string, unknown][] = [
  ['cn-champion-2023.json', champion2023],
  ['cn-champion-2016-demo.json', champion2016],
  ['cn-champion-2019-product.json', champion2019],
  ['sd-champion-2023a.json', sdChampion],
  ['cn-little-giant-2022.json', littleGiant],
  ['cn-srdi-2022.json', srdi],
  ['cn-innovative-2022.json', innovative],
  ['sd-gazelle-2020.json', gazelle],
];

let loaded: CriteriaSet[] | null = null;

export function criteriaSets(): CriteriaSet[] {
  loaded ??= FILES.map(([file, json]) => parseCriteriaSet(file, json));
  return loaded;
}

export function criteriaSet(id: string): CriteriaSet | undefined {
  return criteriaSets().find((s) => s.id === id);
}
