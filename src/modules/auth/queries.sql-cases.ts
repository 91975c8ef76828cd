import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

const NOW = new Date('2026-01-01T08:00:00Z');
const WINDOW = new Date('2026-01-01T07:45:00Z');
const throttle = { nameHash: 'name-hash', client: '203.0.113.9' };

export default defineCases(q, {
  forgetSessions: { noSql: 'bumps the in-process session generation' },
  findUserByName: (db) => q.findUserByName(db, 'beipiao'),
  findUserById: (db, w) => q.findUserById(db, w.userId),
  updateUser: (db, w) => q.updateUser(db, w.userId, { failed_logins: 0, locked_until: null }),
  insertSession: (db, w) =>
    q.insertSession(db, { token_hash: 'token-hash', user_id: w.userId, expires_at: NOW, ip: '203.0.113.9', user_agent: 'recorder' }),
  findSession: (db) => q.findSession(db, 'token-hash'),
  touchSession: (db) => q.touchSession(db, 'token-hash', NOW),
  deleteSession: (db) => q.deleteSession(db, 'token-hash'),
  deleteUserSessions: [
    { name: 'all of a user', run: (db, w) => q.deleteUserSessions(db, w.userId) },
    { name: 'all but the current one', run: (db, w) => q.deleteUserSessions(db, w.userId, 'token-hash') },
  ],
  deleteExpiredSessions: (db) => q.deleteExpiredSessions(db, NOW),
  throttleState: (db) => q.throttleState(db, { ...throttle, windowStart: WINDOW }),
  reserveAttempt: (db, w) => q.reserveAttempt(db, { ...throttle, userId: w.userId, now: NOW, windowStart: WINDOW }),
  lockClient: (db) => q.lockClient(db, { ...throttle, until: NOW }),
  clearAttempts: (db) => q.clearAttempts(db, throttle),
  clearUserThrottle: (db, w) => q.clearUserThrottle(db, w.userId),
  deleteStaleThrottle: (db) => q.deleteStaleThrottle(db, WINDOW, NOW),
});
