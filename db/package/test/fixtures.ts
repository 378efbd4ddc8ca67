// District data files and their packages, made by the tests themselves: the default 2023 pool, edited through
// the service, exported as a package dated 2024-03-01 (or another day).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { call, openTemp, serviceFor, tempDir, type TestService } from '../../test/helpers';
import { nativeBinding } from '../../nativeBinding';
import { exportPackage } from '../exportPackage';
import { contentHash, type Manifest } from '../format';

export const DAY = new Date('2024-03-01T10:00:00');

export interface District extends TestService {
  name: string;
}

/** A district's data file holding the default 2023 pool. */
export function district(name: string): District {
  return { ...serviceFor(openTemp()), name };
}

export async function firmIdOf(d: TestService, name: string): Promise<number> {
  const list = await call(d.service, 'pool.list', { year: 2023, search: name });
  return list.rows[0].firmId;
}

export async function setFigure(d: TestService, firm: string, year: number, values: Record<string, number | null>): Promise<void> {
  await call(d.service, 'firm.updateFigures', { firmId: await firmIdOf(d, firm), years: [{ year, values }] });
}

export function packageOf(d: District, options: { at?: Date; privateKey?: string; bureau?: string } = {}): { bytes: Buffer; manifest: Manifest; fileName: string } {
  const { bytes, manifest } = exportPackage(d.pool.db, { poolYear: 2023, district: d.name, bureau: options.bureau ?? `${d.name}工信局`, at: options.at ?? DAY, privateKey: options.privateKey });
  return { bytes, manifest, fileName: `${d.name}.cpool` };
}

export const fileInput = (p: { bytes: Buffer; fileName: string }) => ({ fileName: p.fileName, base64: p.bytes.toString('base64') });

/** Changes a package file with `edit` (a tampering, or a newer app's manifest), rehashing it when asked. */
export function edited(p: { bytes: Buffer; fileName: string }, edit: (db: Database.Database) => void, rehash = false): { bytes: Buffer; fileName: string } {
  const file = path.join(tempDir(), p.fileName);
  fs.writeFileSync(file, p.bytes);
  const db = new Database(file, { nativeBinding: nativeBinding() });
  edit(db);
  if (rehash) db.prepare("UPDATE manifest SET value = ? WHERE key = 'content_sha256'").run(JSON.stringify(contentHash(db)));
  db.close();
  return { bytes: fs.readFileSync(file), fileName: p.fileName };
}

/** An empty city data file (schema only) with its service. */
export function city(): TestService {
  return serviceFor(openTemp({ create: 'empty' }), 'city-analyst');
}
