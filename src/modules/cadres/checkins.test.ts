import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CANONICAL_PREFIX, canonical, signatureValid, thumbprint, timeProblem } from './checkins.ts';

/** The signature check against keys and signatures made the way the field app makes them (WebCrypto). */
async function phoneKey() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = (await webcrypto.subtle.exportKey('jwk', pair.publicKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  const sign = async (text: string) =>
    Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(text))).toString(
      'base64',
    );
  return { jwk, sign };
}

const record = {
  clientId: '6f1c2d3e-4b5a-4c6d-8e7f-101112131415',
  deviceId: 1,
  deviceTime: '2026-12-01T08:00:00.000Z',
  lat: 41.80123,
  lon: 120.7,
  accuracy: 15,
};

describe('check-in signatures', () => {
  it('reads the canonical string the app signs', () => {
    expect(canonical(record)).toBe(`${CANONICAL_PREFIX}|6f1c2d3e-4b5a-4c6d-8e7f-101112131415|2026-12-01T08:00:00.000Z|41.80123|120.7|15`);
  });

  it('accepts a WebCrypto signature and refuses any change to the record, another key or garbage', async () => {
    const k = await phoneKey();
    const signature = await k.sign(canonical(record));
    expect(signatureValid(k.jwk, { ...record, signature })).toBe(true);
    expect(signatureValid(k.jwk, { ...record, lat: 41.80124, signature })).toBe(false);
    expect(signatureValid(k.jwk, { ...record, deviceTime: '2026-12-01T08:00:01.000Z', signature })).toBe(false);
    const other = await phoneKey();
    expect(signatureValid(other.jwk, { ...record, signature })).toBe(false);
    expect(signatureValid(k.jwk, { ...record, signature: 'AAAA' })).toBe(false);
    expect(signatureValid(k.jwk, { ...record, signature: Buffer.alloc(64).toString('base64') })).toBe(false);
  });

  it('names a key by its RFC 7638 thumbprint, whatever else the JWK carries', async () => {
    const k = await phoneKey();
    expect(thumbprint(k.jwk)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(thumbprint({ ...k.jwk, ...{ ext: true } })).toBe(thumbprint(k.jwk));
  });
});

describe('check-in time limits', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('accepts up to the late limit and up to 10 minutes ahead', () => {
    expect(timeProblem('2026-11-24T12:00:01Z', now, 7)).toBeNull();
    expect(timeProblem('2026-12-01T12:10:00Z', now, 7)).toBeNull();
    expect(timeProblem('2026-12-01T12:00:00+08:00', now, 7)).toBeNull();
  });
  it('refuses older than the late limit (by the setting) and beyond 10 minutes ahead', () => {
    expect(timeProblem('2026-11-24T11:59:59Z', now, 7)).toBe('FIELD_TOO_LATE');
    expect(timeProblem('2026-11-29T11:59:59Z', now, 2)).toBe('FIELD_TOO_LATE');
    expect(timeProblem('2026-12-01T12:10:01Z', now, 7)).toBe('FIELD_FUTURE');
  });
});
