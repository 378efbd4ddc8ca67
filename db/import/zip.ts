// The parts of a zip package (an xlsx), found through its central directory and inflated by Node's own zlib as
// a stream: a large sheet's XML is never held whole. Only the directory is read here; zlib does the inflating.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The package's entries by name (lower-cased: writers differ in the case of `xl/` paths). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('zip 目录缺失，文件可能不完整');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new Error('ZIP64 格式的工作簿暂不支持');
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    // Stryker disable next-line EqualityOperator: the 22-byte end record follows the directory, so no record's 46 bytes end the file
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new Error('zip 目录已损坏');
    const flags = view.getUint16(at + 8, true);
    const nameLen = view.getUint16(at + 28, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (flags & 1) throw new Error('工作簿已加密，请先取消密码保护');
    entries.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** An entry's uncompressed bytes, chunk by chunk. */
export function entryStream(bytes: Uint8Array, e: ZipEntry): AsyncIterable<Buffer> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(e.localOffset, true) !== LOCAL) throw new Error(`zip 条目 ${e.name} 已损坏`);
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, e.compressedSize);
  if (e.method === 0) return Readable.from([data]);
  if (e.method !== 8) throw new Error(`zip 条目 ${e.name} 使用了不支持的压缩方式 ${e.method}`);
  // Stryker disable next-line ObjectLiteral: the chunk size changes how the inflated bytes are cut, not the bytes
  return Readable.from([data]).pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }));
}

/** A small entry (workbook, relationships, styles) as text. */
export async function entryText(bytes: Uint8Array, e: ZipEntry): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of entryStream(bytes, e)) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}
