// Export: the pool year's firms and everything the sections hold about them, written into a fresh package file
// in a private temporary folder, sealed with the manifest (and its hash, and a signature when a key is given),
// and handed back as bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors';
import { schemaVersion } from '../migrate';
import { nativeBinding } from '../nativeBinding';
import { nowIso } from '../time';
import { APP_VERSION } from '../version';
import { MANIFEST_DDL, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, writeManifest, type Manifest } from './format';
import { SECTIONS } from './sections';

export interface ExportRequest {
  poolYear: number;
  district: string;
  bureau?: string;
  /** PEM of the district's Ed25519 private key: the package is signed with it. */
  privateKey?: string;
  /** When the package is made (tests fix it). */
  at?: Date;
}

export function exportPackage(city: BetterSqlite3.Database, req: ExportRequest): { bytes: Buffer; manifest: Manifest } {
  if (!city.prepare('SELECT 1 FROM pool_years WHERE year = ?').get(req.poolYear)) throw new AppError('not_found', `没有 ${req.poolYear} 年度培育库，无法导出报送包。`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-package-'));
  const file = path.join(dir, 'package.cpool');
  try {
    const pkg = new Database(file, { nativeBinding: nativeBinding() });
    let manifest: Manifest;
    try {
      manifest = pkg.transaction(() => {
        pkg.exec(MANIFEST_DDL);
        const counts: Record<string, number> = {};
        for (const s of SECTIONS) {
          pkg.exec(s.ddl);
          counts[s.key] = s.exportRows({ city, pkg, poolYear: req.poolYear });
        }
        const dataYears = pkg.prepare('SELECT DISTINCT year FROM firm_years ORDER BY year').pluck().all() as number[];
        return writeManifest(
          pkg,
          {
            format: PACKAGE_FORMAT,
            formatVersion: PACKAGE_FORMAT_VERSION,
            packageId: crypto.randomUUID(),
            district: req.district,
            bureau: req.bureau ?? null,
            poolYear: req.poolYear,
            dataYears,
            exportedAt: nowIso(req.at),
            appVersion: APP_VERSION,
            schemaVersion: schemaVersion(city),
            counts,
          },
          req.privateKey,
        );
      })();
    } finally {
      pkg.close();
    }
    return { bytes: fs.readFileSync(file), manifest };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The package's file name: "峄城区-2024年度报送包-2024年3月1日.cpool". */
export function packageFileName(m: Pick<Manifest, 'district' | 'poolYear' | 'exportedAt'>): string {
  const [y, mo, d] = m.exportedAt.slice(0, 10).split('-').map(Number);
  return `${m.district}-${m.poolYear}年度报送包-${y}年${mo}月${d}日.cpool`;
}
