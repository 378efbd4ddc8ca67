import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { CHANNEL_PREFIX, METHODS, type Method } from '../../db/contract';
import { openPoolDb, type PoolDb } from '../../db/open';
import { createService, dispatch, type Service } from '../../db/service';
import { registerIpc, senderProblem } from '../ipc';
import { FakeIpcMain, invokeEvent, tempDir } from './fakes';

const tmp = tempDir('cp-ipc-');
let pool: PoolDb;
let service: Service;
let spied: Service;

beforeAll(() => {
  pool = openPoolDb({ file: path.join(tmp.dir, 'pool.sqlite'), create: 'default' });
  service = createService({ db: pool.db, dataFile: pool.file, actor: 'tester', appVersion: '0.0.0-test' });
  // The real service behind spies, so a test can tell whether a refused call reached it.
  spied = Object.fromEntries(METHODS.map((m) => [m, vi.fn(service[m] as (i: unknown) => unknown)])) as unknown as Service;
});
afterAll(() => {
  pool.close();
  tmp.cleanup();
});

/** The service as the service thread answers: through dispatch. */
const viaSpied = (method: Method, input: unknown) => dispatch(spied, method, input);
const calls = () => METHODS.reduce((n, m) => n + (spied[m] as unknown as ReturnType<typeof vi.fn>).mock.calls.length, 0);

describe('registerIpc', () => {
  it('registers one handler per contract method, all under the prefix', () => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, viaSpied);
    expect([...ipc.handlers.keys()].sort()).toEqual(METHODS.map((m) => `${CHANNEL_PREFIX}${m}`).sort());
    expect(CHANNEL_PREFIX).toBe('cp:');
    for (const channel of ipc.handlers.keys()) expect(channel.startsWith('cp:')).toBe(true);
  });

  it('returns a disposer that removes exactly its handlers', () => {
    const ipc = new FakeIpcMain();
    ipc.handle('other', () => 1);
    const dispose = registerIpc(ipc, viaSpied);
    dispose();
    expect([...ipc.handlers.keys()]).toEqual(['other']);
    // Registering again after disposal works (Electron throws on a second handler).
    registerIpc(ipc, viaSpied);
    expect(ipc.handlers.size).toBe(METHODS.length + 1);
  });

  it('answers a valid call from the app with the envelope', async () => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, viaSpied);
    const res = (await ipc.invoke('cp:pool.years', {})) as { ok: boolean; data: { year: number }[] };
    expect(res.ok).toBe(true);
    expect(Array.isArray(res.data)).toBe(true);
    const info = (await ipc.invoke('cp:app.info', undefined)) as { ok: boolean; data: { dataFile: string } };
    expect(info).toMatchObject({ ok: true, data: { dataFile: pool.file } });
  });

  it('returns invalid_input for input the contract refuses, without throwing', async () => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, viaSpied);
    const before = calls();
    for (const input of [{ year: 'x' }, { year: 1800 }, 'text', 42]) {
      const res = await ipc.invoke('cp:pool.list', input);
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(calls()).toBe(before);
  });

  it.each([
    ['a foreign origin', { url: 'http://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['another app host', { url: 'app://other-host/index.html' }],
    ['a subframe of the app', { subframe: true }],
    ['a subframe from elsewhere', { subframe: true, url: 'https://evil.example/' }],
    ['a destroyed frame', { noFrame: true }],
  ])('refuses a call from %s without calling the service', async (_name, shape) => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, viaSpied);
    const before = calls();
    for (const m of ['pool.years', 'snapshot.create'] as Method[]) {
      const res = await ipc.invoke(`cp:${m}`, { reason: 'x' }, invokeEvent(shape));
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls()).toBe(before);
  });
});

describe('senderProblem', () => {
  it('accepts the main frame identified either way', () => {
    expect(senderProblem(invokeEvent())).toBeNull();
    const frame = { url: 'app://champion-pool/index.html#/pool', parent: null };
    // Not the same object as sender.mainFrame, but a top-level frame: still the main frame.
    expect(senderProblem({ senderFrame: frame, sender: { mainFrame: { ...frame } } } as never)).toBeNull();
  });

  it('refuses, without throwing, a sender whose frame was disposed', async () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    const event = { senderFrame: disposed, sender: { mainFrame: disposed } } as never;
    expect(senderProblem(event)).toMatch(/gone/);
    const ipc = new FakeIpcMain();
    registerIpc(ipc, viaSpied);
    await expect(ipc.invoke('cp:pool.years', {}, event)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
