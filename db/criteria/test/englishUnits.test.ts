// English mode writes money as "400M CNY" beside figures shown as "464.3M CNY": no English text of a shipped
// criteria file may speak in 万元 or 亿元.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../../assets/criteria');

function englishTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => englishTexts(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'en' && typeof v === 'string') out.push(v);
      else englishTexts(v, out);
    }
  }
  return out;
}

describe('English texts of the shipped criteria', () => {
  it.each(fs.readdirSync(DIR).filter((f) => f.endsWith('.json')))('%s gives money in CNY, as the English figures are', (file) => {
    const texts = englishTexts(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.filter((t) => /万元|亿元/.test(t))).toEqual([]);
  });
});
