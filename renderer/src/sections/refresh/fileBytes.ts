// A chosen file as base64 for the service, converted in small pieces with a pause between batches, so a
// 20 MB file never holds the page still.
/** The service takes files up to 256 MB (a province's 100,000 firms × 5 years is about 130 MB as CSV). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Bytes per piece: a multiple of 3, so the pieces' base64 texts join without padding in between. */
const PIECE = 3 * 8192;
const PIECES_PER_PAUSE = 48;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function toBase64(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<string> {
  const parts: string[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += PIECE, n++) {
    const piece = bytes.subarray(i, i + PIECE);
    parts.push(btoa(String.fromCharCode.apply(null, piece as unknown as number[])));
    if (n % PIECES_PER_PAUSE === PIECES_PER_PAUSE - 1) {
      onProgress?.(Math.min(1, (i + PIECE) / bytes.length));
      await pause();
    }
  }
  onProgress?.(1);
  return parts.join('');
}

export async function readFileBase64(file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
  const buffer = await file.arrayBuffer();
  return toBase64(new Uint8Array(buffer), onProgress);
}

export const megabytes = (bytes: number) => Math.max(0.1, Math.round((bytes / 1024 / 1024) * 10) / 10);
