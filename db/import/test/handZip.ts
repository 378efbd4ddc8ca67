// A zip built byte by byte, for the package forms the importer's tests need and no writer at hand produces.
import zlib from 'node:zlib';

export interface Part {
  name: string;
  text: string;
  method?: number;
  flags?: number;
  localExtra?: Buffer;
  comment?: string;
  /** Where the directory says the local header is, when not where it is. */
  localOffset?: number;
}

/** The parts zipped in order; `end` overrides what the end record says. */
export function pack(parts: Part[], end: { comment?: Buffer; count?: number; dirOffset?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const raw = Buffer.from(p.text, 'utf8');
    const data = method === 8 ? zlib.deflateRawSync(raw) : raw;
    const name = Buffer.from(p.name, 'utf8');
    const extra = p.localExtra ?? Buffer.alloc(0);
    const comment = Buffer.from(p.comment ?? '', 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(p.flags ?? 0, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(raw.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(comment.length, 32);
    c.writeUInt32LE(p.localOffset ?? offset, 42);
    central.push(c, name, comment);
    offset += 30 + name.length + extra.length + data.length;
  }
  const dir = Buffer.concat(central);
  const comment = end.comment ?? Buffer.alloc(0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(end.count ?? parts.length, 8);
  eocd.writeUInt16LE(end.count ?? parts.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(end.dirOffset ?? offset, 16);
  eocd.writeUInt16LE(comment.length, 20);
  return new Uint8Array(Buffer.concat([...locals, dir, eocd, comment]));
}

