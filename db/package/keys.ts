// The districts' public keys a city holds (district_keys): with one held, that district's packages must carry a
// signature it verifies, or they are refused — in the app as on the command line. A key is checked to be an
// Ed25519 public key before it is kept; adding and removing one is audited.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { nowIso } from '../time';
import { keyFingerprint } from './format';

export interface DistrictKey {
  district: string;
  fingerprint: string;
  addedBy: string;
  addedAt: string;
}

/** The PEM of an Ed25519 public key, normalised; anything else is refused with what to give instead. */
export function publicKeyPem(district: string, text: string): string {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(text.trim());
  } catch {
    throw new AppError('invalid_input', `${district} 的公钥无法识别：请粘贴 champion-pool package keygen 生成的“公钥.pem”的全部内容（以 -----BEGIN PUBLIC KEY----- 开头）。`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('invalid_input', `${district} 的公钥不是 Ed25519 公钥（是 ${key.asymmetricKeyType}）：请使用 champion-pool package keygen 生成的公钥。`);
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

export function listKeys(db: Database.Database): DistrictKey[] {
  return db.prepare('SELECT district, fingerprint, added_by AS addedBy, added_at AS addedAt FROM district_keys ORDER BY district').all() as DistrictKey[];
}

/** The keys as the merge takes them: district → PEM. */
export function heldKeys(db: Database.Database): Map<string, string> {
  return new Map((db.prepare('SELECT district, public_key FROM district_keys').raw().all() as [string, string][]).map(([d, k]) => [d, k]));
}

export function saveKey(db: Database.Database, district: string, text: string, actor: string): DistrictKey {
  const pem = publicKeyPem(district, text);
  const fingerprint = keyFingerprint(pem);
  const at = nowIso();
  return db.transaction(() => {
    const before = db.prepare('SELECT fingerprint FROM district_keys WHERE district = ?').pluck().get(district) as string | undefined;
    db.prepare(
      `INSERT INTO district_keys (district, public_key, fingerprint, added_by, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (district) DO UPDATE SET public_key = excluded.public_key, fingerprint = excluded.fingerprint, added_by = excluded.added_by, added_at = excluded.added_at`,
    ).run(district, pem, fingerprint, actor, at);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'district_key', ?, ?, ?, ?)").run(at, actor, district, before ?? null, fingerprint, `${district}公钥${before ? '更换' : '登记'}`);
    return { district, fingerprint, addedBy: actor, addedAt: at };
  })();
}

export function deleteKey(db: Database.Database, district: string, actor: string): number {
  return db.transaction(() => {
    const before = db.prepare('SELECT fingerprint FROM district_keys WHERE district = ?').pluck().get(district) as string | undefined;
    if (!before) return 0;
    db.prepare('DELETE FROM district_keys WHERE district = ?').run(district);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'district_key', ?, ?, NULL, ?)").run(nowIso(), actor, district, before, `${district}公钥删除`);
    return 1;
  })();
}
