// Writes an export so that the target is either the old file or the complete new one, never a torn
// half: bytes go to a temporary file beside the target (same directory, so the rename stays on one
// volume and is atomic), are fsynced, and only then renamed over the target.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

function hint(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  // On Windows a workbook open in Excel/WPS is locked: the usual reason an export cannot replace it.
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') return '（文件可能正被 Excel/WPS 打开，或没有写入权限）';
  if (code === 'ENOSPC') return '（磁盘空间不足）';
  return '';
}

function fail(target: string, err: unknown): Error {
  const why = err instanceof Error ? err.message : String(err);
  return new Error(`写入失败：${target}${hint(err)}：${why}`, { cause: err });
}

export async function writeFileAtomic(target: string, bytes: Buffer | Uint8Array): Promise<void> {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const dirStat = await fsp.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new Error(`写入失败：${abs}：目录不存在（${dir}）`);
  const existing = await fsp.stat(abs).catch(() => null);
  if (existing?.isDirectory()) throw new Error(`写入失败：${abs}：同名文件夹已存在`);

  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString('hex')}.partial`);
  let created = false;
  try {
    const fh = await fsp.open(temp, 'wx'); // wx: never write through someone else's file of that name
    created = true;
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(temp, abs);
    created = false;
  } catch (err) {
    if (created) await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw fail(abs, err);
  }
  // Persist the rename itself; directories cannot be opened for sync on Windows, where this is skipped.
  try {
    const dh = await fsp.open(dir, 'r');
    await dh.sync().finally(() => dh.close());
  } catch {
    /* best effort */
  }
}
