import { describe, expect, it } from 'vitest';
import { hashPassword, isStrongPassword, randomPassword, verifyPassword } from './password.ts';

describe('password policy', () => {
  it.each([
    ['Fupin@2017', true],
    ['abcdEF12', true],
    ['abcdef1!', true],
    ['ABCDEF1!', true],
    ['abcdefgh', false],
    ['abcdefg1', false],
    ['Ab1!', false],
    ['ABCDEFGH', false],
    ['Abcdefgh', false],
  ])('%s strong = %s', (pw, strong) => {
    expect(isStrongPassword(pw)).toBe(strong);
  });

  it('makes random passwords that pass the policy and differ', () => {
    const a = randomPassword();
    expect(isStrongPassword(a)).toBe(true);
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
