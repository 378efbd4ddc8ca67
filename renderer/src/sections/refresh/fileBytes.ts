// A chosen file's size against the service's limit, checked on the page before anything is sent.
/** The service takes files up to 256 MB (a province's 100,000 firms × 5 years is about 130 MB as CSV). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export const megabytes = (bytes: number) => Math.max(0.1, Math.round((bytes / 1024 / 1024) * 10) / 10);
