// Which encoding a CSV is in. A BOM decides; text that is not valid UTF-8 is GB18030 (what Excel and WPS write
// for "CSV" on Chinese Windows). Valid UTF-8 is UTF-8 unless the GB18030 reading is clearly better Chinese:
// short GBK text can happen to be valid UTF-8 (实强铜业 reads as ɻǿͭҵ), while real UTF-8 often holds a `×`
// that GB18030 turns into a rare character (脳) — but a `·`, `é`, `Φ` or `Ω` becomes a common one (路, 茅, 桅, 惟),
// so a Chinese header row recognised only in the UTF-8 reading decides too. The analyst can always override.
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'gbk';
export type Detected = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

/** How much of a large file is looked at to judge. */
const SAMPLE = 64 * 1024;
const MID_RANGE = /[\u0080-\u07ff]/;

/** A Han character among GB2312's 3,755 most common ones (level 1: lead byte B0–D7 in GBK). */
function common(ch: string): boolean {
  // A Han character GBK lacks encodes as "?", below B0.
  const b = iconv.encode(ch, 'gbk');
  return b[0] >= 0xb0 && b[0] <= 0xd7 && b[1] >= 0xa1;
}

const han = (t: string) => t.match(/[\u3400-\u9fff]/g) ?? [];

/** Share of the Han characters that are common ones (1 when there are none). */
function ordinariness(t: string): number {
  const all = han(t);
  return all.length ? all.filter(common).length / all.length : 1;
}

/**
 * GBK bytes read as UTF-8 give runs of two-byte characters from unrelated scripts (ɻǿͭҵ: IPA, Latin, Greek,
 * Cyrillic side by side); real text keeps one script per word (Société, Иванов, Φ12).
 */
function mixedScriptRuns(t: string): number {
  let runs = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which no range holds
  for (let i = 1; i < t.length; i++) {
    const a = t.charCodeAt(i - 1);
    const b = t.charCodeAt(i);
    if (a >= 0x80 && a <= 0x7ff && b >= 0x80 && b <= 0x7ff && a >> 7 !== b >> 7) runs++;
  }
  return runs;
}

export interface Decoded {
  text: string;
  encoding: Detected;
}

/**
 * Decodes a CSV's bytes. `recognised` tells whether a reading holds a header row the importer knows: when only
 * one reading has one, that reading is right.
 */
// Stryker disable next-line BooleanLiteral: a header check that answers the same for every text never tells the readings apart
export function decodeText(bytes: Uint8Array, override?: Encoding, recognised: (text: string) => boolean = () => false): Decoded {
  const gb = () => new TextDecoder('gb18030').decode(bytes);
  // Past the end a byte reads undefined: a file too short for a mark has none.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (override === 'gbk') return { text: gb(), encoding: 'gb18030' };
  if (bom) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (override === 'utf8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  let utf8: string;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text: gb(), encoding: 'gb18030' };
  }
  // Pure ASCII and three-byte UTF-8 (Chinese) never read as better GB18030: no mixed-script run without a
  // two-byte character, and no template header in the GB18030 reading of UTF-8 Chinese. A shortcut only.
  // Stryker disable next-line ConditionalExpression: the shortcut gives the answer the full weighing would
  if (!MID_RANGE.test(utf8)) return { text: utf8, encoding: 'utf-8' };
  const gbText = gb();
  const a = utf8.slice(0, SAMPLE);
  const b = gbText.slice(0, SAMPLE);
  const ra = recognised(a);
  const rb = recognised(b);
  if (ra !== rb) return ra ? { text: utf8, encoding: 'utf-8' } : { text: gbText, encoding: 'gb18030' };
  const clearlyBetter = !b.includes('\ufffd') && mixedScriptRuns(a) > 0 && ordinariness(b) >= 0.9 && han(b).length > han(a).length;
  return clearlyBetter ? { text: gbText, encoding: 'gb18030' } : { text: utf8, encoding: 'utf-8' };
}
