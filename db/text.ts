// Text that enters the data file — typed through the contract or read from an imported cell — is bounded and
// refused when it holds characters that have no place in a name or a note: control characters (NUL
// included), bidirectional controls that can make one name display as another (U+202A–U+202E,
// U+2066–U+2069 and the invisible direction marks), lone surrogates (not Unicode text at all) and the
// replacement character U+FFFD (the trace of text already lost to a wrong encoding).
import { z } from 'zod';

/** Sensible caps, in characters: a firm or list name, a line of text, a note. */
export const TEXT_CAPS = { name: 100, line: 200, note: 500, reason: 300, fileName: 260 } as const;

/** Imported text cells by template key; any other text column gets a line's cap. */
const IMPORT_CAPS: Record<string, number> = { name: TEXT_CAPS.name, note: TEXT_CAPS.note };

function describe(code: number): string | null {
  if (code >= 0xd800 && code <= 0xdfff) return '不成对的代理字符（无效的 Unicode 文本）';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) {
    return '双向文本控制字符（会让文字显示成另一副样子）';
  }
  if (code === 0xfffd) return '替换字符（原文在转换编码时已经丢失，请检查文件的编码）';
  if (code === 0) return '空字符（NUL）';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return '控制字符';
  return null;
}

const MULTILINE_ALLOWED = new Set([0x09, 0x0a, 0x0d]);

/**
 * What is wrong with `s` as stored text, in Chinese with the character's position, or null when it is fine.
 * `multiline` allows tabs and line breaks (notes); names and lines allow neither.
 */
export function textProblem(s: string, max: number, options: { multiline?: boolean } = {}): string | null {
  let position = 0;
  for (let i = 0; i < s.length; i++) {
    position++;
    const code = s.charCodeAt(i);
    // A well-formed surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (options.multiline && MULTILINE_ALLOWED.has(code)) continue;
    const what = describe(code);
    if (what) return `第 ${position} 个字符是${what}（U+${code.toString(16).toUpperCase().padStart(4, '0')}），不能保存；请删去后重新输入`;
  }
  if (position > max) return `文字过长：${position} 个字符，最多 ${max} 个`;
  return null;
}

/** A contract string: at most `max` characters, none of the refused ones. */
export function safeText(max: number, options: { multiline?: boolean } = {}) {
  return z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, max, options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** The problem with an imported text cell of template column `key`, or null. */
export function importTextProblem(key: string, s: string): string | null {
  return textProblem(s, IMPORT_CAPS[key] ?? TEXT_CAPS.line, { multiline: key === 'note' });
}

/** `s` safe to show back in a message: refused characters spelled out as ⟨U+XXXX⟩ and cut to `max` characters. */
export function visibleText(s: string, max = 60): string {
  const out: string[] = [];
  for (const ch of s) {
    if (out.length >= max) {
      out.push('…');
      break;
    }
    const code = ch.codePointAt(0)!;
    out.push(ch.length === 1 && describe(code) ? `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩` : ch);
  }
  return out.join('');
}
