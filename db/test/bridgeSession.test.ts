// The session cookie: a page that presented the token once keeps working from a bookmark or a new tab in the
// same browser, and nothing else gets in with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, SESSION_PATH, startBridge, type Bridge } from '../bridge';
import { openPoolDb, type PoolDb } from '../open';
import { createService } from '../service';

let dir: string;
let pool: PoolDb;
let bridge: Bridge;
let other: Bridge;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bridge-session-'));
  pool = openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: 'default' });
  const service = createService({ db: pool.db, dataFile: pool.file, actor: 'browser', appVersion: '0.0.0' });
  bridge = await startBridge({ service });
  other = await startBridge({ service });
});
afterAll(async () => {
  await bridge.close();
  await other.close();
  pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const origin = (b: Bridge) => `http://127.0.0.1:${b.port}`;
const sameOrigin = (b: Bridge) => ({ Origin: origin(b), 'Sec-Fetch-Site': 'same-origin' });

function post(b: Bridge, urlPath: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${origin(b)}${urlPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
}

/** Presents the token to a bridge and returns the `name=value` of the cookie it set. */
async function sessionOf(b: Bridge): Promise<{ setCookie: string; pair: string }> {
  const res = await post(b, SESSION_PATH, { ...sameOrigin(b), Authorization: `Bearer ${b.token}` });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { setCookie, pair: setCookie.split(';')[0] };
}

describe('the session cookie', () => {
  it('is set only when the valid token is presented, HttpOnly, SameSite=Strict, for the whole origin', async () => {
    const { setCookie, pair } = await sessionOf(bridge);
    const attrs = setCookie.split(';').map((a) => a.trim());
    expect(pair).toMatch(new RegExp(`^champion-pool-session-${bridge.port}=[A-Za-z0-9_-]{32}$`));
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attrs.some((a) => /^Domain=/i.test(a))).toBe(false); // the loopback host only
    // the cookie is not the token: the token never leaves the page
    expect(pair).not.toContain(bridge.token);

    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${other.token}` }]) {
      const res = await post(bridge, SESSION_PATH, { ...sameOrigin(bridge), ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('set-cookie'), JSON.stringify(headers)).toBeNull();
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
      expect(body.error.message).toContain('#token=');
    }
  });

  it('lets a page with the cookie and no token call the API, read events and check its session', async () => {
    const { pair } = await sessionOf(bridge);
    const list = await post(bridge, '/api/pool.list', { ...sameOrigin(bridge), Cookie: pair });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { ok: boolean }).ok).toBe(false); // reached the service: {} is not a valid pool.list input
    const info = await post(bridge, '/api/app.info', { ...sameOrigin(bridge), Cookie: pair });
    expect(await info.json()).toMatchObject({ ok: true, data: { counts: { firms: 11 } } });
    const check = await post(bridge, SESSION_PATH, { ...sameOrigin(bridge), Cookie: pair });
    expect(check.status).toBe(200);
    expect(check.headers.get('set-cookie')).toBeNull(); // only the token gives a cookie
    const ac = new AbortController();
    const events = await fetch(`${origin(bridge)}/api/events`, { headers: { Cookie: pair, 'Sec-Fetch-Site': 'same-origin' }, signal: ac.signal });
    expect(events.status).toBe(200);
    ac.abort();
  });

  it('refuses a wrong cookie, another bridge’s cookie and a cookie under another port’s name', async () => {
    const { pair } = await sessionOf(bridge);
    const { pair: otherPair } = await sessionOf(other);
    const value = pair.split('=')[1];
    const wrong = [
      `champion-pool-session-${bridge.port}=${value.slice(0, -1)}x`,
      `champion-pool-session-${bridge.port}=`,
      `champion-pool-session-${other.port}=${value}`,
      `champion-pool-session-${bridge.port}=${otherPair.split('=')[1]}`,
      `champion-pool-session-${bridge.port}=${bridge.token}`,
    ];
    for (const cookie of wrong) {
      const res = await post(bridge, '/api/app.info', { ...sameOrigin(bridge), Cookie: cookie });
      expect(res.status, cookie).toBe(401);
    }
    expect((await fetch(`${origin(bridge)}/api/events`, { headers: { Cookie: wrong[0] } })).status).toBe(401);
  });

  it('refuses the cookie on a request from another origin, another site or port, or a write without Origin', async () => {
    const { pair } = await sessionOf(bridge);
    const foreign = await post(bridge, '/api/app.info', { Cookie: pair, Origin: `http://127.0.0.1:${other.port}` });
    expect(foreign.status).toBe(403);
    for (const site of ['same-site', 'cross-site']) {
      const res = await post(bridge, '/api/app.info', { Cookie: pair, Origin: origin(bridge), 'Sec-Fetch-Site': site });
      expect(res.status, site).toBe(401);
      const events = await fetch(`${origin(bridge)}/api/events`, { headers: { Cookie: pair, 'Sec-Fetch-Site': site } });
      expect(events.status, site).toBe(401);
    }
    const noOrigin = await post(bridge, '/api/app.info', { Cookie: pair });
    expect(noOrigin.status).toBe(401);
    // the token itself still works without an Origin (the CLI-free scripts and tests call it so)
    expect((await post(bridge, '/api/app.info', { Authorization: `Bearer ${bridge.token}` })).status).toBe(200);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; champion-pool-session-5180=xyz; b=2', 'champion-pool-session-5180')).toBe('xyz');
    expect(cookieValue('champion-pool-session-51800=xyz', 'champion-pool-session-5180')).toBeUndefined();
    expect(cookieValue(undefined, 'a')).toBeUndefined();
    expect(cookieValue('=v; a', 'a')).toBeUndefined();
  });
});
