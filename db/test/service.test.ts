import { describe, expect, it } from 'vitest';
import defaultPool from '../../assets/default-pool.json';
import { METHODS } from '../contract';
import { AppError } from '../errors';
import { FIGURE_KEYS } from '../figures';
import { LATEST_VERSION } from '../migrations';
import { dispatch, isMethod, type Service } from '../service';
import { call, callError, defaultService } from './helpers';

describe('dispatch', () => {
  it('implements every method of the contract', () => {
    const { service } = defaultService();
    expect(Object.keys(service).sort()).toEqual([...METHODS].sort());
  });

  it('refuses unknown methods, including inherited property names', async () => {
    const { service } = defaultService();
    for (const m of ['pool.drop', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.info ']) {
      expect(isMethod(m), m).toBe(false);
      const e = await callError(service, m, {});
      expect(e.code, m).toBe('unknown_method');
    }
  });

  it('treats a missing input as {} and refuses a non-object input', async () => {
    const { service } = defaultService();
    expect((await dispatch(service, 'app.info', undefined)).ok).toBe(true);
    expect((await dispatch(service, 'app.info', null)).ok).toBe(true);
    const e = await callError(service, 'pool.list', 'year=2023');
    expect(e.code).toBe('invalid_input');
    expect(Array.isArray(e.details)).toBe(true);
  });

  it('turns thrown errors into envelopes and checks outputs against the contract', async () => {
    const { service } = defaultService();
    const broken = {
      ...service,
      'pool.years': () => {
        throw new AppError('conflict', 'busy', { why: 'x' });
      },
      'pool.facets': () => {
        throw new Error('boom');
      },
      'app.info': () => ({ appVersion: 1 }),
      'firm.history': async () => {
        throw 'a string';
      },
    } as unknown as Service;
    expect(await dispatch(broken, 'pool.years', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'busy', details: { why: 'x' } } });
    expect(await dispatch(broken, 'pool.facets', { year: 2023 })).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(await dispatch(broken, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await dispatch(broken, 'firm.history', { firmId: 1 })).toEqual({ ok: false, error: { code: 'internal', message: 'a string' } });
  });

  it('tells onChange about writes only', async () => {
    const t = defaultService();
    await call(t.service, 'app.info', {});
    await call(t.service, 'pool.list', { year: 2023 });
    await call(t.service, 'pool.years', {});
    await call(t.service, 'firm.get', { firmId: 1 });
    await call(t.service, 'firm.history', { firmId: 1 });
    expect(t.changes).toEqual([]);
    await call(t.service, 'firm.updateFigures', { firmId: 1, years: [{ year: 2022, values: { rd_expense: 99 } }] });
    await call(t.service, 'snapshot.create', { reason: 'x' });
    expect(t.changes).toEqual(['firm.updateFigures', 'snapshot.create']);
    // a refused write is no change
    await callError(t.service, 'firm.updateFigures', { firmId: 1, years: [{ year: 2022, values: { revenue: -1 } }] });
    expect(t.changes).toHaveLength(2);
  });
});

describe('app.info', () => {
  it('describes the default pool', async () => {
    const t = defaultService();
    const info = await call(t.service, 'app.info', {});
    const titles = defaultPool.firms.reduce((n, f) => n + f.titles.length, 0);
    const values = defaultPool.firms.reduce(
      (n, f) => n + f.years.reduce((m, y) => m + FIGURE_KEYS.filter((k) => (y as Record<string, unknown>)[k] != null).length, 0),
      0,
    );
    expect(info).toEqual({
      appVersion: '9.9.9',
      schemaVersion: LATEST_VERSION,
      dataFile: t.pool.file,
      poolYears: [2023],
      counts: { firms: 11, firmYears: 33, titles, auditEntries: 1 },
      sample: { firms: 8, firmYears: 33, values },
      snapshots: [],
    });
    expect(values).toBeGreaterThan(600);
  });
});
