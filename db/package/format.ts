// The pool package (报送包) as a file: one SQLite database with a manifest and one table group per section.
// The manifest's SHA-256 covers every table's rows (and the manifest's own other entries), so a package that
// was changed or damaged after export is told apart; an Ed25519 signature over that hash, checked against
// the district's public key the city keeps, says who exported it.
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { nativeBinding } from '../nativeBinding';
import { LATEST_VERSION } from '../migrations';

/** What the manifest's `format` says; anything else is not a package. */
export const PACKAGE_FORMAT = 'champion-pool-package';
/** The package layout this app writes and reads; a higher one comes from a newer app. */
export const PACKAGE_FORMAT_VERSION = 1;
/** Manifest entries the hash cannot cover: the hash itself and what is made from it. */
const UNHASHED = ['content_sha256', 'signature', 'public_key'];

export interface Manifest {
  format: string;
  formatVersion: number;
  packageId: string;
  district: string;
  bureau: string | null;
  poolYear: number;
  dataYears: number[];
  exportedAt: string;
  appVersion: string;
  schemaVersion: number;
  counts: Record<string, number>;
  contentSha256: string;
  signature: string | null;
  publicKey: string | null;
}

export const MANIFEST_DDL = 'CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

/** The hash of everything in the package but the unhashed manifest entries: tables by name, rows in a fixed order. */
export function contentHash(pkg: Database.Database): string {
  const h = crypto.createHash('sha256');
  const tables = pkg.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    const columns = pkg.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(t) as string[];
    h.update(JSON.stringify([t, columns]) + '\n');
    const where = t === 'manifest' ? `WHERE key NOT IN (${UNHASHED.map(() => '?').join(', ')})` : '';
    const rows = pkg.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}" ${where} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`).raw();
    for (const row of (t === 'manifest' ? rows.iterate(...UNHASHED) : rows.iterate()) as Iterable<unknown[]>) h.update(JSON.stringify(row) + '\n');
  }
  return h.digest('hex');
}

export function writeManifest(pkg: Database.Database, m: Omit<Manifest, 'contentSha256' | 'signature' | 'publicKey'>, privateKeyPem?: string): Manifest {
  const put = pkg.prepare('INSERT OR REPLACE INTO manifest (key, value) VALUES (?, ?)');
  const entries: [string, unknown][] = [
    ['format', m.format],
    ['format_version', m.formatVersion],
    ['package_id', m.packageId],
    ['district', m.district],
    ['bureau', m.bureau],
    ['pool_year', m.poolYear],
    ['data_years', m.dataYears],
    ['exported_at', m.exportedAt],
    ['app_version', m.appVersion],
    ['schema_version', m.schemaVersion],
    ['counts', m.counts],
  ];
  for (const [k, v] of entries) put.run(k, JSON.stringify(v));
  const hash = contentHash(pkg);
  put.run('content_sha256', JSON.stringify(hash));
  let signature: string | null = null;
  let publicKey: string | null = null;
  if (privateKeyPem) {
    const key = privateKeyOf(privateKeyPem);
    signature = crypto.sign(null, Buffer.from(hash, 'hex'), key).toString('base64');
    publicKey = crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    put.run('signature', JSON.stringify(signature));
    put.run('public_key', JSON.stringify(publicKey));
  }
  return { ...m, contentSha256: hash, signature, publicKey };
}

function privateKeyOf(pem: string): crypto.KeyObject {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    throw new AppError('invalid_input', '签名私钥无法读取：请提供 champion-pool package keygen 生成的 PEM 格式 Ed25519 私钥。');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('invalid_input', `签名私钥须为 Ed25519 密钥，收到的是 ${key.asymmetricKeyType ?? '未知'} 密钥。`);
  return key;
}

/** A short, readable fingerprint of a public key (the first 16 hex digits of its SHA-256), to compare by phone. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}

/** An Ed25519 key pair as PEM text: the district keeps the private key, the city gets the public one. */
export function generateKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export type SignatureState = 'none' | 'unverified' | 'verified';

export interface OpenPackage {
  fileName: string;
  db: Database.Database;
  manifest: Manifest;
  signature: SignatureState;
  fingerprint: string | null;
  close(): void;
}

const notPackage = (fileName: string, why: string) =>
  new AppError('invalid_input', `${fileName} 不是报送包（${why}）：请选择区县用“导出报送包”生成的 .cpool 文件。数据文件未作任何改动。`, { file: fileName, refusal: 'not_a_package' });

/**
 * Opens a package from its bytes (in memory; nothing is written anywhere) and checks it: a SQLite file with a
 * manifest of this format, no newer than this app, its content matching its hash, and — where the city holds
 * the district's public key — signed by that key. Every refusal names the file and says what to do.
 */
export function openPackage(bytes: Buffer, fileName: string, publicKeys: ReadonlyMap<string, string> = new Map()): OpenPackage {
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') throw notPackage(fileName, '不是 SQLite 文件');
  let db: Database.Database;
  try {
    db = new Database(bytes, { nativeBinding: nativeBinding() });
  } catch (e) {
    throw notPackage(fileName, `文件已损坏：${(e as Error).message}`);
  }
  try {
    const manifest = readManifest(db, fileName);
    if (manifest.formatVersion > PACKAGE_FORMAT_VERSION || manifest.schemaVersion > LATEST_VERSION) {
      throw new AppError(
        'schema_too_new',
        `${fileName} 由较新版本的软件导出（报送包格式 ${manifest.formatVersion}、数据结构版本 ${manifest.schemaVersion}；本程序支持格式 ${PACKAGE_FORMAT_VERSION}、结构版本 ${LATEST_VERSION}）：请升级程序后再合并。数据文件未作任何改动。`,
        { file: fileName, refusal: 'newer_schema' },
      );
    }
    let actual: string;
    try {
      actual = contentHash(db);
    } catch (e) {
      throw notPackage(fileName, `文件已损坏：${(e as Error).message}`);
    }
    if (actual !== manifest.contentSha256) {
      throw new AppError(
        'invalid_input',
        `${fileName}（${manifest.district}）的内容与其校验值不符：文件在导出后被改动或已损坏。请${manifest.district}重新导出报送包。数据文件未作任何改动。`,
        { file: fileName, refusal: 'hash_mismatch', expected: manifest.contentSha256, actual },
      );
    }
    const { signature, fingerprint } = checkSignature(manifest, fileName, publicKeys.get(manifest.district));
    return { fileName, db, manifest, signature, fingerprint, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkSignature(m: Manifest, fileName: string, cityKey: string | undefined): { signature: SignatureState; fingerprint: string | null } {
  const fingerprint = m.publicKey ? safeFingerprint(m.publicKey) : null;
  if (!cityKey) return { signature: m.signature ? 'unverified' : 'none', fingerprint };
  const refuse = (why: string) =>
    new AppError('invalid_input', `${fileName}（${m.district}）${why}：不能确认它来自${m.district}。数据文件未作任何改动。`, { file: fileName, refusal: 'bad_signature' });
  if (!m.signature) throw refuse('没有签名，而本库持有该区县的公钥');
  let ok: boolean;
  try {
    ok = crypto.verify(null, Buffer.from(m.contentSha256, 'hex'), crypto.createPublicKey(cityKey), Buffer.from(m.signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('的签名与本库持有的该区县公钥不符');
  return { signature: 'verified', fingerprint: safeFingerprint(cityKey) };
}

function safeFingerprint(pem: string): string | null {
  try {
    return keyFingerprint(pem);
  } catch {
    return null;
  }
}

function readManifest(db: Database.Database, fileName: string): Manifest {
  let rows: { key: string; value: string }[];
  try {
    rows = db.prepare('SELECT key, value FROM manifest').all() as { key: string; value: string }[];
  } catch {
    throw notPackage(fileName, '没有报送包清单');
  }
  const m = new Map<string, unknown>();
  for (const r of rows) {
    try {
      m.set(r.key, JSON.parse(r.value));
    } catch {
      throw notPackage(fileName, `清单项 ${r.key} 无法读取`);
    }
  }
  if (m.get('format') !== PACKAGE_FORMAT) throw notPackage(fileName, '清单不属于报送包');
  const str = (k: string) => {
    const v = m.get(k);
    if (typeof v !== 'string' || !v) throw notPackage(fileName, `清单缺少 ${k}`);
    return v;
  };
  const int = (k: string) => {
    const v = m.get(k);
    if (typeof v !== 'number' || !Number.isInteger(v)) throw notPackage(fileName, `清单缺少 ${k}`);
    return v;
  };
  const years = m.get('data_years');
  return {
    format: PACKAGE_FORMAT,
    formatVersion: int('format_version'),
    packageId: str('package_id'),
    district: str('district'),
    bureau: typeof m.get('bureau') === 'string' ? (m.get('bureau') as string) : null,
    poolYear: int('pool_year'),
    dataYears: Array.isArray(years) ? years.filter((y): y is number => Number.isInteger(y)) : [],
    exportedAt: str('exported_at'),
    appVersion: str('app_version'),
    schemaVersion: int('schema_version'),
    counts: (m.get('counts') as Record<string, number>) ?? {},
    contentSha256: str('content_sha256'),
    signature: typeof m.get('signature') === 'string' ? (m.get('signature') as string) : null,
    publicKey: typeof m.get('public_key') === 'string' ? (m.get('public_key') as string) : null,
  };
}

/** "峄城区报送包（2024年3月1日）": how a merged value says where it came from. */
export function packageLabel(m: Pick<Manifest, 'district' | 'exportedAt'>): string {
  const [y, mo, d] = m.exportedAt.slice(0, 10).split('-').map(Number);
  return `${m.district}报送包（${y}年${mo}月${d}日）`;
}
