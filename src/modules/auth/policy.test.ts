import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonPasswords, passwordExpired } from './policy.ts';
import { delayMs } from './throttle.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-30T12:00:00Z');
const user = (o: { demo?: boolean; changedDaysAgo?: number | null; createdDaysAgo?: number }) => ({
  is_demo: o.demo ?? false,
  password_changed_at: o.changedDaysAgo == null ? null : new Date(now.getTime() - o.changedDaysAgo * DAY),
  created_at: new Date(now.getTime() - (o.createdDaysAgo ?? 400) * DAY),
});

describe('password expiry', () => {
  it('expires a password older than the setting, counting from the change, else from the account', () => {
    expect(passwordExpired(user({ changedDaysAgo: 91 }), 90, now)).toBe(true);
    expect(passwordExpired(user({ changedDaysAgo: 89 }), 90, now)).toBe(false);
    expect(passwordExpired(user({ changedDaysAgo: null, createdDaysAgo: 100 }), 90, now)).toBe(true);
    expect(passwordExpired(user({ changedDaysAgo: null, createdDaysAgo: 10 }), 90, now)).toBe(false);
  });
  it('is off at 0 and never applies to demo accounts', () => {
    expect(passwordExpired(user({ changedDaysAgo: 5000 }), 0, now)).toBe(false);
    expect(passwordExpired(user({ demo: true, changedDaysAgo: 5000 }), 90, now)).toBe(false);
  });
});

describe('common passwords', () => {
  it('reads every entry of the shipped list, lower-case, without the comment header', () => {
    const lines = readFileSync(new URL('../../../data/passwords/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const set = commonPasswords();
    expect(set.size).toBe(lines.length);
    expect(set.has('woaini1314')).toBe(true);
    expect([...set].every((p) => p === p.toLowerCase())).toBe(true);
  });
});

describe('throttling delay', () => {
  it('doubles from the second attempt of a failing client, up to the maximum', () => {
    const l = { baseMs: 250, maxMs: 8000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((f) => delayMs(l, f))).toEqual([0, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
