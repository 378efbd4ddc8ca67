// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z);
// the 18th is a check character computed from the first 17 with fixed weights, modulo 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'characters' | 'check_character';

/** Upper-cases and strips spaces (including full-width ones), as the template asks. */
export function normaliseCreditCode(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'characters';
  return checkCharacter(code.slice(0, 17)) === code[17] ? null : 'check_character';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
