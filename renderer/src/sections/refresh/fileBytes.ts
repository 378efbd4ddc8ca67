// A chosen file's size against the service's limit, checked on the page before anything is sent.
/** The service takes files up to 256 MB (a province's 100,000 firms × 5 years is about 130 MB as CSV). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export const megabytes = (bytes: number) => Math.max(0.1, Math.round((bytes / 1024 / 1024) * 10) / 10);

const oneDecimal = (x: number) => String(Math.round(x * 10) / 10);

/** A size as people read it: "300 字节", "12.5 KB", "3.4 MB" — never "0.1 MB" for a 300-byte file. */
export function humanSize(bytes: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (bytes < 1024) return t('refresh.file.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024)} KB`;
  return `${oneDecimal(bytes / 1024 / 1024)} MB`;
}
