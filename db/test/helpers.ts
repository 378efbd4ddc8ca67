// Shared fixtures for the db/ unit tests: temp directories that are removed afterwards, opened data files
// that are closed afterwards, and a typed way to call the service through `dispatch`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ErrorPayload, Method, MethodInput, MethodOutput } from '../contract';
import { checkCharacter } from '../creditCode';
import { openPoolDb, type OpenOptions, type PoolDb } from '../open';
import { createService, dispatch, type Service } from '../service';

const dirs: string[] = [];
const handles: { close(): void }[] = [];

afterEach(() => {
  for (const h of handles.splice(0).reverse()) {
    try {
      h.close();
    } catch {
      // already closed by the test
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-db-test-'));
  dirs.push(d);
  return d;
}

/** Registers anything with close() to be closed after the test (in reverse order). */
export function track<T extends { close(): void }>(h: T): T {
  handles.push(h);
  return h;
}

/** Opens (and by default creates) a data file in a fresh temp dir; closed after the test. */
export function openTemp(options: Partial<OpenOptions> = {}): PoolDb {
  const file = options.file ?? path.join(tempDir(), 'pool.sqlite');
  return track(openPoolDb({ create: 'default', ...options, file }));
}

export interface TestService {
  pool: PoolDb;
  service: Service;
  changes: Method[];
}

export function serviceFor(pool: PoolDb, actor = 'tester'): TestService {
  const changes: Method[] = [];
  const service = createService({ db: pool.db, dataFile: pool.file, actor, appVersion: '9.9.9', onChange: (m) => changes.push(m) });
  return { pool, service, changes };
}

/** A default pool in a temp dir with its service. */
export function defaultService(actor = 'tester'): TestService {
  return serviceFor(openTemp(), actor);
}

/** A default pool in a temp dir, and one of its sample firms, by name: its id and credit code. */
export function sampleFirm(name: string): { pool: PoolDb; id: number; code: string } {
  const pool = openTemp();
  return { pool, ...(pool.db.prepare('SELECT id, credit_code AS code FROM firms WHERE name = ?').get(name) as { id: number; code: string }) };
}

/** Calls a method through dispatch and returns its data; fails the test when the envelope is an error. */
export async function call<M extends Method>(service: Service, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const env = await dispatch(service, method, input);
  if (!env.ok) expect.fail(`${method} failed: ${env.error.code} ${env.error.message}`);
  return env.data as MethodOutput<M>;
}

/** Calls a method through dispatch (any input, even an invalid one) and returns its error; fails when it succeeds. */
export async function callError(service: Service, method: string, input: unknown): Promise<ErrorPayload> {
  const env = await dispatch(service, method, input);
  if (env.ok) expect.fail(`${method} unexpectedly succeeded`);
  return env.error;
}

/** Runs fn and returns the error it throws (fails when it does not throw). */
export function thrown(fn: () => unknown): Error & { code?: string; details?: unknown } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  return expect.fail('expected an error to be thrown');
}

/** A pid that no process has on this machine right now. */
export function deadPid(): number {
  for (let pid = 4_000_000; pid > 100_000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid found');
}

/** A valid credit code built from a number (distinct numbers give distinct codes). */
export function makeCreditCode(n: number, prefix = '91370481MA'): string {
  const first17 = `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A small deterministic PRNG (mulberry32), so a test over random data can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
