import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, loadOrCreateKeys, lookupHash, maskId, maskPhone, parseKey } from './crypto.ts';

const keys = parseKey(randomBytes(64).toString('base64'));

describe('personal-data crypto', () => {
  it('round-trips and never stores the plain number', () => {
    const id = '211381199001011234';
    const sealed = encrypt(keys, id);
    expect(sealed).not.toContain(id);
    expect(decrypt(keys, sealed)).toBe(id);
    expect(encrypt(keys, id)).not.toBe(sealed); // fresh IV every time
  });

  it('rejects a tampered cipher text and a wrong key', () => {
    const sealed = Buffer.from(encrypt(keys, '211381199001011234'), 'base64');
    sealed[sealed.length - 1] ^= 1;
    expect(() => decrypt(keys, sealed.toString('base64'))).toThrow();
    const other = parseKey(randomBytes(64).toString('base64'));
    expect(() => decrypt(other, encrypt(keys, 'x'))).toThrow();
  });

  it('hashes deterministically per key', () => {
    expect(lookupHash(keys, 'a')).toBe(lookupHash(keys, 'a'));
    expect(lookupHash(keys, 'a')).not.toBe(lookupHash(parseKey(randomBytes(64).toString('base64')), 'a'));
  });

  it('masks as the register shows them', () => {
    expect(maskId('211381199001011234')).toBe('2113**************');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('creates the key file once, private, and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-key-'));
    const file = path.join(dir, 'sub', 'secret.key');
    const k1 = loadOrCreateKeys({ keyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const k2 = loadOrCreateKeys({ keyFile: file });
    expect(k2.enc.equals(k1.enc)).toBe(true);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThan(80);
    expect(() => parseKey('dG9vIHNob3J0')).toThrow(/64 bytes/);
  });
});
