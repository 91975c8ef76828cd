import { describe, expect, it } from 'vitest';
import { hashPassword, randomPassword, verifyPassword } from './password.ts';
import { passwordClasses } from './policy.ts';

describe('passwords', () => {
  it('makes random passwords of 16 characters and 4 classes that differ', () => {
    const a = randomPassword();
    expect([...a].length).toBe(16);
    expect(passwordClasses(a)).toBe(4);
    expect(randomPassword()).not.toBe(a);
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Fupin@2017');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Fupin@2017')).toBe(true);
    expect(await verifyPassword(h, 'fupin@2017')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
