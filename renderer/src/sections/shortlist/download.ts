// A file answer of the service in browser mode: the bytes arrive as base64 and are downloaded under their name.
import type { ExportFileT } from '../../../../db/contract';

export function fileBlob(file: ExportFileT): Blob {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.mime });
}

/** Saves the file through a temporary <a download>; the object URL is released once the click has been handled. */
export function downloadFile(file: ExportFileT): void {
  const url = URL.createObjectURL(fileBlob(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
