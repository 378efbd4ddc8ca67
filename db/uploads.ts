// Browser mode's import files: streamed from the request straight into a private temporary folder and
// named by a random id, so a big file never sits in memory or inside JSON, and analysing it again (a new
// mapping, another sheet) sends only the id. The folder goes when the bridge closes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UploadId, type UploadReceiptT } from './contracts/import';
import { MAX_IMPORT_BYTES } from './service/importFile';

/** Uploads kept at once whatever their size; an older one is deleted when a newer arrives (an import uses only its latest). */
export const KEPT_UPLOADS = 4;
/** More are kept while they add up to no more than this: a city chooses its districts' packages together. */
export const KEPT_UPLOAD_BYTES = 256 * 1024 * 1024;
export const KEPT_UPLOAD_FILES = 500;

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`upload over ${limit} bytes`);
  }
}

export class UploadStore {
  readonly dir: string;
  /** Oldest first. */
  private readonly ids: string[] = [];

  private readonly sizes = new Map<string, number>();

  constructor(
    readonly limit = MAX_IMPORT_BYTES,
    private readonly kept = KEPT_UPLOADS,
    private readonly keptBytes = KEPT_UPLOAD_BYTES,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-pool-uploads-'));
  }

  private file(id: string): string {
    return path.join(this.dir, id);
  }

  /**
   * Writes the stream to a new upload, pausing the stream while the disk catches up. Over the limit it stops
   * writing, deletes the part written and rejects with UploadTooLarge; the stream itself is left open so the
   * caller can still answer 413 on the same connection.
   */
  receive(body: Readable): Promise<UploadReceiptT> {
    const id = crypto.randomBytes(18).toString('base64url');
    const target = this.file(id);
    const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let done = false;
    return new Promise<UploadReceiptT>((resolve, reject) => {
      const fail = (e: Error) => {
        if (done) return;
        done = true;
        body.off('data', onData);
        body.off('end', onEnd);
        out.destroy();
        fs.rm(target, { force: true }, () => reject(e));
      };
      const onData = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > this.limit) return fail(new UploadTooLarge(this.limit));
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => body.resume());
        }
      };
      const onEnd = () => {
        if (done) return;
        out.end(() => {
          if (done) return;
          done = true;
          this.keep(id, bytes);
          resolve({ upload: id, bytes });
        });
      };
      body.on('data', onData);
      body.once('end', onEnd);
      body.once('error', fail);
      body.once('close', () => {
        // A client that goes away mid-upload leaves no part file behind.
        if (!body.readableEnded) fail(new Error('upload aborted'));
      });
      out.once('error', fail);
    });
  }

  private keep(id: string, bytes: number): void {
    this.ids.push(id);
    this.sizes.set(id, bytes);
    let total = [...this.sizes.values()].reduce((a, b) => a + b, 0);
    while (this.ids.length > this.kept && (this.ids.length > KEPT_UPLOAD_FILES || total > this.keptBytes)) {
      const old = this.ids.shift()!;
      total -= this.sizes.get(old) ?? 0;
      this.sizes.delete(old);
      fs.rmSync(this.file(old), { force: true });
    }
  }

  /** The stored file of an upload id, or null when the id is malformed, unknown or already deleted. */
  pathOf(id: string): string | null {
    if (!UploadId.safeParse(id).success || !this.ids.includes(id)) return null;
    const file = this.file(id);
    return fs.existsSync(file) ? file : null;
  }

  close(): void {
    this.ids.length = 0;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
