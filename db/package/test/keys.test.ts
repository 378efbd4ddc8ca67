// The districts' public keys a city holds: only an Ed25519 public key is kept (a private key is kept as its
// public half, anything else refused with what to give), each change audited, and the merge checking a held
// district's packages against its key as it does with keys given on the command line.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, callError } from '../../test/helpers';
import { generateKeyPair, keyFingerprint } from '../format';
import { city, district, fileInput, packageOf } from './fixtures';

describe('district keys held by the city', () => {
  it('keeps an Ed25519 public key with its fingerprint, refuses anything else, and audits each change', async () => {
    const town = city();
    const keys = generateKeyPair();
    const held = await call(town.service, 'package.saveKey', { district: '峄城区', pem: `\n${keys.publicKey}\n` });
    expect(held).toMatchObject({ district: '峄城区', fingerprint: keyFingerprint(keys.publicKey), addedBy: 'city-analyst' });
    expect((await call(town.service, 'package.keys', {})).map((k) => k.fingerprint)).toEqual([keyFingerprint(keys.publicKey)]);
    // Given the private key by mistake, the city keeps only its public half.
    expect((await call(town.service, 'package.saveKey', { district: '台儿庄区', pem: keys.privateKey })).fingerprint).toBe(keyFingerprint(keys.publicKey));
    expect(town.pool.db.prepare("SELECT public_key FROM district_keys WHERE district = '台儿庄区'").pluck().get()).toBe(keys.publicKey);

    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await callError(town.service, 'package.saveKey', { district: '山亭区', pem: rsa })).message).toContain('不是 Ed25519 公钥（是 rsa）');
    expect((await callError(town.service, 'package.saveKey', { district: '山亭区', pem: '公钥' })).message).toContain('山亭区 的公钥无法识别');
    expect((await call(town.service, 'package.keys', {})).map((k) => k.district)).toEqual(['台儿庄区', '峄城区']);

    expect(await call(town.service, 'package.deleteKey', { district: '台儿庄区' })).toEqual({ deleted: 1 });
    expect(await call(town.service, 'package.deleteKey', { district: '台儿庄区' })).toEqual({ deleted: 0 });
    const audit = town.pool.db.prepare("SELECT field, note FROM audit_log WHERE entity = 'district_key' ORDER BY id").all();
    expect(audit).toEqual([
      { field: '峄城区', note: '峄城区公钥登记' },
      { field: '台儿庄区', note: '台儿庄区公钥登记' },
      { field: '台儿庄区', note: '台儿庄区公钥删除' },
    ]);
  });

  it('a held key makes the merge verify that district’s packages and refuse an unsigned or wrongly signed one', async () => {
    const a = district('峄城区');
    const keys = generateKeyPair();
    const other = generateKeyPair();
    const town = city();
    await call(town.service, 'package.saveKey', { district: '峄城区', pem: keys.publicKey });
    const preview = await call(town.service, 'package.preview', { files: [fileInput(packageOf(a, { privateKey: keys.privateKey }))] });
    expect(preview.packages[0]).toMatchObject({ signature: 'verified', fingerprint: keyFingerprint(keys.publicKey) });
    expect((await callError(town.service, 'package.preview', { files: [fileInput(packageOf(a))] })).message).toContain('没有签名，而本库持有该区县的公钥');
    expect((await callError(town.service, 'package.merge', { files: [fileInput(packageOf(a, { privateKey: other.privateKey }))] })).message).toContain('的签名与本库持有的该区县公钥不符');
    // A key given for one merge stands over the one held.
    const given = await call(town.service, 'package.preview', { files: [fileInput(packageOf(a, { privateKey: other.privateKey }))], publicKeys: [{ district: '峄城区', pem: other.publicKey }] });
    expect(given.packages[0].signature).toBe('verified');
    expect(town.pool.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });
});
