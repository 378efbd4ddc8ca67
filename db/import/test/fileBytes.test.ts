// An import file's bytes are handed over once: the reader takes them from their holder before a single row is
// parsed, so a large CSV's bytes are not held beside its decoded text and records; a second read is refused.
import { describe, expect, it } from 'vitest';
import { FileBytes, readImportFile } from '../read';

const csv = '\ufeff统一社会信用代码,企业名称,年度\r\n91370405MA3L7M5B1K,汉庄数控,2022\r\n';

describe('FileBytes', () => {
  it('is taken by the reader before the first row is handed on, and cannot be read twice', async () => {
    const holder = new FileBytes(new TextEncoder().encode(csv));
    const seenTaken: boolean[] = [];
    expect(holder.taken).toBe(false);
    const file = await readImportFile(
      holder,
      'a.csv',
      undefined,
      () => () => {
        seenTaken.push(holder.taken);
      },
      () => false,
    );
    expect(file.format).toBe('csv');
    expect(seenTaken.length).toBeGreaterThan(0);
    expect(seenTaken.every(Boolean)).toBe(true);
    expect(() => holder.take()).toThrow('already read');
  });

  it('still accepts plain bytes (the caller then keeps its own reference)', async () => {
    const rows: unknown[] = [];
    await readImportFile(new TextEncoder().encode(csv), 'a.csv', undefined, () => (cells) => void rows.push(cells), () => false);
    expect(rows.length).toBeGreaterThanOrEqual(2); // the header and the firm (a trailing blank line may be handed on too)
  });
});
