import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Personal-data keys: AES-256-GCM for storage, HMAC-SHA256 for exact look-up without decrypting. */
export interface PiiKeys {
  enc: Buffer;
  mac: Buffer;
}

export function parseKey(base64: string): PiiKeys {
  const raw = Buffer.from(base64.trim(), 'base64');
  if (raw.length !== 64) throw new Error('The personal-data key must be 64 bytes, base64-encoded');
  return { enc: raw.subarray(0, 32), mac: raw.subarray(32) };
}

/** Reads the key from FUPIN_KEY or the key file, creating the file (mode 600) the first time. */
export function loadOrCreateKeys(opts: { key?: string; keyFile: string }): PiiKeys {
  if (opts.key) return parseKey(opts.key);
  if (!existsSync(opts.keyFile)) {
    mkdirSync(path.dirname(opts.keyFile), { recursive: true });
    writeFileSync(opts.keyFile, `${randomBytes(64).toString('base64')}\n`, { mode: 0o600 });
    chmodSync(opts.keyFile, 0o600);
  }
  return parseKey(readFileSync(opts.keyFile, 'utf8'));
}

// IVs come from a pool of random bytes filled 48 KiB at a time: one system call per 4,096 encryptions.
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomBytes(12 * 4096);
    ivAt = 0;
  }
  ivAt += 12;
  return ivPool.subarray(ivAt - 12, ivAt);
}

/** iv(12) | tag(16) | ciphertext, base64. */
export function encrypt(keys: PiiKeys, plain: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(keys: PiiKeys, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function lookupHash(keys: PiiKeys, value: string): string {
  return createHmac('sha256', keys.mac).update(value).digest('base64url');
}

/**
 * 211381199001011234 → 2113**************: the city only. The last four (sequence and check digit) are hidden too:
 * with the birth year and county shown beside it they left a few dozen candidates (docs/decisions/0005).
 */
export function maskId(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 4)}`;
}

/** 13912345678 → 139****5678. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
