// 报送包 in the service: export a pool year as a package, preview and merge districts' packages (a snapshot
// first, one transaction), list and settle the conflicts a merge left, and the districts behind each firm.
import type { packageMethods } from '../contracts/package';
import type { ParsedInput } from '../contract';
import { applyMerge } from '../package/apply';
import { poolDistricts, listConflicts, resolveConflict } from '../package/conflicts';
import { exportPackage, packageFileName } from '../package/exportPackage';
import { deleteKey, heldKeys, listKeys, saveKey } from '../package/keys';
import { mergeReport, openPackages, withPlan } from '../package/merge';
import { rotateSnapshots, takeSnapshot } from '../snapshots';
import type { PartContext } from './context';
import { importFileBytes } from './importFile';
import type { Service } from './index';

type MergeInput = ParsedInput<'package.preview'>;

async function opened(ctx: PartContext, input: MergeInput) {
  const files = [];
  for (const f of input.files) files.push({ fileName: f.fileName, bytes: await importFileBytes(f) });
  const keys = heldKeys(ctx.db);
  for (const k of input.publicKeys ?? []) keys.set(k.district, k.pem);
  return openPackages(ctx.db, files, keys);
}

export function packageService(ctx: PartContext): Pick<Service, keyof typeof packageMethods> {
  const { db } = ctx;
  return {
    'package.export': (input) => {
      const { bytes, manifest } = exportPackage(db, input);
      return { fileName: packageFileName(manifest), mime: 'application/vnd.sqlite3', base64: bytes.toString('base64'), savedTo: null };
    },
    'package.preview': async (input) => {
      const pkgs = await opened(ctx, input);
      return withPlan(db, pkgs, input.prefer, (plan) => mergeReport(db, pkgs, plan));
    },
    'package.merge': async (input) => {
      const pkgs = await opened(ctx, input);
      return withPlan(db, pkgs, input.prefer, (plan) => {
        const report = mergeReport(db, pkgs, plan);
        const snapshot = takeSnapshot(db, ctx.dataFile, `合并报送包前：${pkgs.map((p) => p.manifest.district).join('、')}`);
        const { importIds } = applyMerge(db, pkgs, plan, { actor: ctx.actor, snapshotFile: snapshot.file });
        rotateSnapshots(db);
        return ctx.changed('package.merge', { report, snapshot: snapshot.file, importIds });
      });
    },
    'package.conflicts': (input) => listConflicts(db, input.status),
    'package.resolve': (input) => ctx.changed('package.resolve', resolveConflict(db, input.id, input.district, ctx.actor)),
    'package.districts': (input) => poolDistricts(db, input.year),
    'package.keys': () => listKeys(db),
    'package.saveKey': (input) => ctx.changed('package.saveKey', saveKey(db, input.district, input.pem, ctx.actor)),
    'package.deleteKey': (input) => ctx.changed('package.deleteKey', { deleted: deleteKey(db, input.district, ctx.actor) }),
  };
}
