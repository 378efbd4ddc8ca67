import { describe, expect, it } from 'vitest';
import defaultPool from '../../assets/default-pool.json';
import { checkCharacter, creditCodeProblem, isValidCreditCode, normaliseCreditCode } from '../creditCode';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VALID = '91350100M000100Y43';

describe('credit code (GB 32100-2015)', () => {
  it('accepts the 11 credit codes of the default pool', () => {
    const codes = defaultPool.firms.map((f) => f.credit_code);
    expect(codes).toHaveLength(11);
    expect(new Set(codes).size).toBe(11);
    for (const code of codes) {
      expect(creditCodeProblem(code), code).toBeNull();
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('computes the check character of the standard example by hand', () => {
    // 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 → alphabet values 9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4
    // weights                          1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // sum = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'
    expect(checkCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem(VALID)).toBeNull();
    // 9 1 1 1 0 0 0 0 6 0 0 0 3 7 3 4 1: sum = 9+3+9+27+120+24+168+30+120+28 = 538; 538 mod 31 = 11; 31 − 11 = 20 → 'L'
    expect(checkCharacter('91110000600037341')).toBe('L');
    expect(isValidCreditCode('91110000600037341L')).toBe(true);
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // Find a 17-character prefix whose weighted sum is a multiple of 31 by varying the 17th character.
    const found = [...ALPHABET].map((c) => `9137040500000000${c}`).find((p) => checkCharacter(p) === '0');
    expect(found).toBeDefined();
    expect(isValidCreditCode(`${found}0`)).toBe(true);
  });

  it('refuses a wrong length', () => {
    expect(creditCodeProblem('')).toBe('length');
    expect(creditCodeProblem(VALID.slice(0, 17))).toBe('length');
    expect(creditCodeProblem(`${VALID}0`)).toBe('length');
    expect(creditCodeProblem('9135 0100M000100Y43')).toBe('length');
    expect(isValidCreditCode(VALID.slice(1))).toBe(false);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the forbidden character %s', (ch) => {
    const code = `${VALID.slice(0, 10)}${ch}${VALID.slice(11)}`;
    expect(code).toHaveLength(18);
    expect(creditCodeProblem(code)).toBe('characters');
    // also as the check character itself
    expect(creditCodeProblem(`${VALID.slice(0, 17)}${ch}`)).toBe('characters');
  });

  it('refuses lower case, punctuation and full-width characters before normalising', () => {
    expect(creditCodeProblem('91350100m000100Y43')).toBe('characters');
    expect(creditCodeProblem(VALID.toLowerCase())).toBe('characters');
    expect(creditCodeProblem('91350100-000100Y43')).toBe('characters');
    expect(creditCodeProblem('９1350100M000100Y43')).toBe('characters');
    expect(creditCodeProblem(normaliseCreditCode('91350100m000100y43'))).toBeNull();
  });

  it('refuses every changed check character', () => {
    for (const ch of ALPHABET) {
      if (ch === '3') continue;
      expect(creditCodeProblem(`${VALID.slice(0, 17)}${ch}`), ch).toBe('check_character');
    }
  });

  it('detects a single changed character anywhere in the first 17', () => {
    for (let i = 0; i < 17; i++) {
      const orig = VALID[i];
      const other = ALPHABET[(ALPHABET.indexOf(orig) + 1) % ALPHABET.length];
      const code = VALID.slice(0, i) + other + VALID.slice(i + 1);
      expect(creditCodeProblem(code), `position ${i}`).toBe('check_character');
    }
  });

  it('detects two swapped adjacent characters of the default pool codes', () => {
    const code = defaultPool.firms[0].credit_code; // 91370405MA3C7K2E3Q
    const swapped = code.slice(0, 8) + code[9] + code[8] + code.slice(10);
    expect(swapped).not.toBe(code);
    expect(creditCodeProblem(swapped)).toBe('check_character');
  });

  it('normalise strips ASCII, tab and full-width spaces and upper-cases', () => {
    expect(normaliseCreditCode(' 9135 0100m000\t100y43 ')).toBe(VALID);
    expect(normaliseCreditCode('\u30009135\u30000100M000100Y43\u3000')).toBe(VALID);
    expect(normaliseCreditCode('91350100m000100y43\n')).toBe(VALID);
    expect(normaliseCreditCode(VALID)).toBe(VALID);
    expect(isValidCreditCode(normaliseCreditCode(' 91370405ma3c7k2e3q '))).toBe(true);
  });
});
