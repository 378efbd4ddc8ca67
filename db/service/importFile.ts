// Where an import's bytes come from: a file on this machine (the desktop's chosen file, the CLI's argument,
// or the bridge's stored upload), or — for small files only — inline base64. The file is read here, on the
// service's side, so a 100 MB spreadsheet never travels inside an IPC message or a JSON body.
import fs from 'node:fs';
import type { ParsedInput } from '../contract';
import { AppError } from '../errors';

/** The service takes files up to 256 MB (a province's 100,000 firms × 5 years is about 130 MB as CSV). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

type FileInput = Pick<ParsedInput<'import.analyse'>, 'fileName' | 'path' | 'upload' | 'base64'>;

const mb = (bytes: number) => Math.ceil((bytes / 1024 / 1024) * 10) / 10;

async function readLocal(file: string, fileName: string): Promise<Buffer> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new AppError('not_found', `找不到要导入的文件 ${fileName}（${file}），请重新选择文件。`, { file });
  }
  // A device or a pipe (/dev/zero, a FIFO) would be read forever: only regular files are imported.
  if (!stat.isFile()) throw new AppError('invalid_input', `${fileName} 不是普通文件，无法导入（${file}）。`, { file });
  if (stat.size > MAX_IMPORT_BYTES) {
    throw new AppError('invalid_input', `文件 ${fileName} 有 ${mb(stat.size)} MB，超过导入上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请按年度或地区拆分后分别导入。`, { file, bytes: stat.size });
  }
  try {
    return await fs.promises.readFile(file);
  } catch (e) {
    throw new AppError('invalid_input', `无法读取文件 ${fileName}（${file}）：${(e as Error).message}`, { file });
  }
}

/** The import file's bytes; exactly one source must be given. */
export async function importFileBytes(input: FileInput): Promise<Buffer> {
  const given = [input.path, input.upload, input.base64].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new AppError('invalid_input', `导入请求须且只能给出一种文件来源（path、upload 或 base64），现在给了 ${given} 种。`);
  }
  if (input.path !== undefined) return readLocal(input.path, input.fileName);
  // Only the bridge knows its uploads and turns an id into a path before the service sees it; an id that
  // arrives here has expired (the bridge restarted, or newer uploads pushed it out).
  if (input.upload !== undefined) throw new AppError('not_found', `上传的文件 ${input.fileName} 已失效，请重新选择文件。`);
  return Buffer.from(input.base64!, 'base64');
}
