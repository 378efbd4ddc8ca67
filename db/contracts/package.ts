// 报送包: a district exports its pool year as one file; a city previews and merges districts' packages by
// 统一社会信用代码, keeps conflicts open until the analyst picks a value, and sees which districts reported
// each firm. Merged into the one contract in db/contract.ts.
import { z } from 'zod';
import { safeText, TEXT_CAPS } from '../text';
import { UploadId } from './import';

const year = z.number().int().min(1990).max(2100);
const scalar = z.union([z.string(), z.number(), z.null()]);
const district = safeText(TEXT_CAPS.name).trim().min(1);

/** A package file: by path (desktop, CLI), upload id (browser mode) or inline base64 (small files, tests). */
const PackageFile = z.object({
  fileName: safeText(TEXT_CAPS.fileName).min(1),
  path: z.string().min(1).max(4096).optional(),
  upload: UploadId.optional(),
  base64: z.string().max(64_000_000).optional(),
});

/** The districts' public keys the city holds (PEM), to check signed packages. */
const PublicKey = z.object({ district, pem: z.string().min(1).max(4096) });

const DistrictKey = z.object({ district: z.string(), fingerprint: z.string(), addedBy: z.string(), addedAt: z.string() });

const MergeInput = z.object({
  files: z.array(PackageFile).min(1).max(500),
  /** Settle every conflict this district reported with its value. */
  prefer: district.optional(),
  /** Keys given for this merge only, over those the city holds (package.keys). */
  publicKeys: z.array(PublicKey).max(500).optional(),
});

const Value = z.object({ district: z.string(), value: scalar, source: z.string() });

const MergeReport = z.object({
  packages: z.array(
    z.object({
      fileName: z.string(),
      district: z.string(),
      bureau: z.string().nullable(),
      poolYear: z.number().int(),
      dataYears: z.array(z.number().int()),
      exportedAt: z.string(),
      /** "峄城区报送包（2024年3月1日）": the provenance its values get. */
      label: z.string(),
      contentSha256: z.string(),
      /** none: not signed; unverified: signed, but the city holds no key for the district; verified: checked. */
      signature: z.enum(['none', 'unverified', 'verified']),
      fingerprint: z.string().nullable(),
      firms: z.number().int(),
      newFirms: z.number().int(),
      /** Values of firms the city holds: written where it had none, and replaced. */
      newValues: z.number().int(),
      changedValues: z.number().int(),
      conflicts: z.number().int(),
      /** Rows per section; for the lists merged row by row, how many the city file lacks (null: the pool's own sections). */
      sections: z.array(z.object({ key: z.string(), label: z.string(), rows: z.number().int(), added: z.number().int().nullable() })),
    }),
  ),
  newFirms: z.number().int(),
  changedValues: z.number().int(),
  /** At most 2,000 listed; `conflictCount` counts all. */
  conflicts: z.array(z.object({ creditCode: z.string(), name: z.string(), year: z.number().int().nullable(), field: z.string(), values: z.array(Value), chosen: z.string().nullable() })),
  conflictCount: z.number().int(),
  /** The values of firms the city holds that would be written (at most 500 listed). */
  changes: z.array(z.object({ district: z.string(), creditCode: z.string(), name: z.string(), year: z.number().int().nullable(), field: z.string(), old: scalar, new: scalar })),
});

const Conflict = z.object({
  id: z.number().int(),
  firmId: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  year: z.number().int().nullable(),
  field: z.string(),
  values: z.array(Value),
  /** What the city file holds now. */
  current: scalar,
  status: z.enum(['open', 'resolved']),
  chosenDistrict: z.string().nullable(),
  resolvedHow: z.enum(['prefer', 'analyst']).nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

const File = z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), savedTo: z.string().nullable().default(null) });

export const packageMethods = {
  'package.export': {
    input: z.object({ poolYear: year, district, bureau: safeText(TEXT_CAPS.name).trim().min(1).optional(), privateKey: z.string().min(1).max(4096).optional() }),
    output: File,
  },
  'package.preview': { input: MergeInput, output: MergeReport },
  'package.merge': { input: MergeInput, output: z.object({ report: MergeReport, snapshot: z.string(), importIds: z.array(z.number().int()) }) },
  'package.conflicts': { input: z.object({ status: z.enum(['open', 'all']).default('open') }), output: z.array(Conflict) },
  'package.resolve': { input: z.object({ id: z.number().int(), district: z.string().min(1).max(100) }), output: Conflict },
  /** The districts' public keys the city holds: a held district's packages must be signed with its key. */
  'package.keys': { input: z.object({}), output: z.array(DistrictKey) },
  'package.saveKey': { input: z.object({ district, pem: z.string().min(1).max(4096) }), output: DistrictKey },
  'package.deleteKey': { input: z.object({ district }), output: z.object({ deleted: z.number().int() }) },
  'package.districts': {
    input: z.object({ year }),
    output: z.object({
      districts: z.array(z.object({ district: z.string(), firms: z.number().int() })),
      /** Firms of the pool year reported by two districts or more. */
      shared: z.number().int(),
      packages: z.array(z.object({ importId: z.number().int(), district: z.string(), fileName: z.string(), exportedAt: z.string(), mergedAt: z.string(), signature: z.string(), poolYear: z.number().int() })),
      openConflicts: z.number().int(),
    }),
  },
} as const;

export type MergeReportT = z.output<typeof MergeReport>;
export type ConflictT = z.output<typeof Conflict>;
