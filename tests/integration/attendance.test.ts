import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { computeMonth } from '../../src/modules/cadres/attendance/compute.ts';
import { recomputeMarked } from '../../src/modules/cadres/attendance/dirty.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';
import { makeId } from '../support/ids.ts';

/**
 * Attendance on both engines, against hand-made check-ins of October 2026 (Asia/Shanghai days) whose figures were
 * counted by hand below: the month's computation, its idempotence, confirm/dismiss with the rating cap and the audit,
 * the township's absence candidates, and scope (another county meets 404, the same as a missing record).
 */
const VILLAGE = '211381109201';
const POINT = { lat: 41.8, lon: 120.77 };
const MONTH = '2026-10';
const local = (day: number, hh: number, mm = 0) =>
  new Date(Date.parse(`2026-10-${String(day).padStart(2, '0')}T00:00:00+08:00`) + (hh * 60 + mm) * 60_000).toISOString();

describe.each(engines())('attendance on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let a: number;
  let b: number;
  let devA: number;
  let devB: number;

  const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows;

  async function posting(name: string, seq: number, unitId: number) {
    const p = await county.post('/api/cadres/postings', {
      villageCode: VILLAGE,
      role: 'team_member',
      startDate: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
      cadre: { name, idNumber: makeId('211302', `1984-03-0${seq % 9 || 1}`, seq, false), unitId, post: '科员', partyMember: true },
    });
    expect(p.status, p.text).toBe(200);
    const d = await county.get(`/api/cadres/postings/${p.body.id}`);
    expect((await county.post(`/api/cadres/postings/${p.body.id}/steps`, { action: 'confirm', version: d.body.case.version })).status).toBe(
      200,
    );
    // In post since long before the month under test.
    await sql`UPDATE cadre_posting SET start_date = '2025-06-01', confirmed_on = '2025-06-01' WHERE id = ${p.body.id}`.execute(db);
    return Number(p.body.id);
  }

  async function device(postingId: number, thumb: string) {
    const [u] = await rows(sql<{ id: number }>`SELECT id FROM app_user WHERE username = 'beipiao'`);
    const [d] = await rows(sql<{ id: string }>`
      INSERT INTO cadre_device (county_code, posting_id, user_id, public_key, key_thumbprint)
      VALUES ('211381', ${postingId}, ${u?.id}, '{"kty":"EC","crv":"P-256","x":"x","y":"y"}', ${thumb}) RETURNING id::text AS id`);
    return Number(d?.id);
  }

  async function checkin(postingId: number, deviceId: number, at: string, pos: { lat: number; lon: number }, accuracy: number) {
    await sql`
      INSERT INTO cadre_checkin (county_code, posting_id, client_id, device_id, device_time, received_at, lat, lon, accuracy_m, signature)
      VALUES ('211381', ${postingId}, gen_random_uuid(), ${deviceId}, ${at}::timestamptz, ${at}::timestamptz + interval '5 seconds',
              ${pos.lat}, ${pos.lon}, ${accuracy}, 'c2ln')`.execute(db);
  }

  async function leave(postingId: number, kind: string, start: string, end: string, state: string) {
    const [l] = await rows(sql<{ id: string }>`
      INSERT INTO cadre_leave (county_code, posting_id, kind, start_date, end_date, reason)
      VALUES ('211381', ${postingId}, ${kind}, ${start}, ${end}, '测试') RETURNING id::text AS id`);
    await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state)
              VALUES ('211381', 'cadres.leave', ${Number(l?.id)}, ${VILLAGE}, ${state})`.execute(db);
  }

  const flags = (postingId: number, state = 'open') =>
    rows(sql<{ id: string; code: string; subject: string; version: number }>`
      SELECT id::text AS id, code, subject, version FROM cadre_flag WHERE posting_id = ${postingId} AND state = ${state} ORDER BY code, subject`);

  // The list's row of a posting, and its open flags as the flags table has them (read independently).
  const listed = async (postingId: number) => {
    const r = await county.get(`/api/cadres/attendance?month=${MONTH}&region=${VILLAGE}`);
    return r.body.items.find((x: { postingId: number }) => x.postingId === postingId);
  };
  const openInTable = async (postingId: number) => {
    const open = await flags(postingId);
    return {
      flags: [...new Set(open.filter((f) => f.code !== 'absence_candidate').map((f) => f.code))].sort(),
      openAbsenceCandidates: open.filter((f) => f.code === 'absence_candidate').length,
    };
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    const unit = (await county.post('/api/cadres/units', { name: '北票市出勤测试局', level: 'county', regionCode: '211381' })).body.id;
    a = await posting('出勤甲', 811, unit);
    b = await posting('出勤乙', 812, unit);
    await sql`INSERT INTO village_point (county_code, village_code, lon, lat, source) VALUES ('211381', ${VILLAGE}, ${POINT.lon}, ${POINT.lat}, 'approximate')
              ON CONFLICT (county_code, village_code) DO UPDATE SET lon = excluded.lon, lat = excluded.lat`.execute(db);
    devA = await device(a, 'att-a');
    devB = await device(b, 'att-b');
    const near = (d: number) => ({ lat: POINT.lat + d, lon: POINT.lon - d });
    // A: present on 2 (07:30 local, still 1 Oct in UTC), 5, 6, 9, 12–16, 19 = 10 days; nights of 5 (21:10 and 02:00 next
    // morning) and 19; 7 Oct 33 km away and 8 Oct with 250 m accuracy do not count.
    await checkin(a, devA, '2026-10-01T23:30:00Z', near(0.0011), 12.4);
    await checkin(a, devA, local(5, 9), near(0.0012), 15.3);
    await checkin(a, devA, local(5, 21, 10), near(0.0007), 21.8);
    await checkin(a, devA, local(6, 2), near(0.0004), 33.1);
    await checkin(a, devA, local(7, 10), { lat: 42.1, lon: 120.77 }, 14.2);
    await checkin(a, devA, local(8, 10), near(0.0002), 250);
    await checkin(a, devA, local(9, 10), near(0.0013), 17.6);
    for (const [i, d] of [12, 13, 14, 15, 16].entries()) await checkin(a, devA, local(d, 10), near(0.0001 * (i + 2)), 11.1 + i * 3.7);
    await checkin(a, devA, local(19, 20, 30), near(0.0009), 26.2);
    // Official business 20–22 (counts as present), sick leave on 26, a personal request still waiting (does not count).
    await leave(a, 'official', '2026-10-20', '2026-10-22', 'approved');
    await leave(a, 'sick', '2026-10-26', '2026-10-26', 'taken');
    await leave(a, 'personal', '2026-10-27', '2026-10-27', 'requested');
    // B: the exact same position with accuracy 5 on 5–9 October, then Shenyang (220 km) half an hour later, and one
    // record signed with A's phone.
    const fixed = { lat: 41.80123, lon: 120.77045 };
    for (const d of [5, 6, 7, 8, 9]) await checkin(b, devB, local(d, 10), fixed, 5);
    await checkin(b, devB, local(9, 10, 30), { lat: 41.8, lon: 123.43 }, 5);
    await checkin(b, devA, local(9, 11, 30), fixed, 5);
  });
  afterAll(() => t.close());

  it('computes the month from the records: days, nights, official and leave days, compliance', async () => {
    const res = await county.post('/api/cadres/attendance/compute', { region: '211381', month: MONTH });
    expect(res.status, res.text).toBe(200);
    const got = await rows(sql<Record<string, unknown>>`
      SELECT posting_id::int AS posting, days_in_post, days_in_village, nights, official_days, leave_days, required_days, compliant, checkins
      FROM cadre_attendance_month WHERE month = '2026-10-01' AND posting_id IN (${a}, ${b}) ORDER BY posting_id`);
    expect(got).toEqual([
      {
        posting: a,
        days_in_post: 31,
        days_in_village: 13,
        nights: 2,
        official_days: 3,
        leave_days: 1,
        required_days: 20,
        compliant: false,
        checkins: 13,
      },
      {
        posting: b,
        days_in_post: 31,
        days_in_village: 5,
        nights: 0,
        official_days: 0,
        leave_days: 0,
        required_days: 20,
        compliant: false,
        checkins: 7,
      },
    ]);
  });

  it('raises the flags the records show, and the working days without presence or leave as absence candidates', async () => {
    const fa = await flags(a);
    // Working days of October 2026: 22; A was present on 10 of them, on official business 3, on sick leave 1.
    expect(fa.filter((f) => f.code === 'absence_candidate').map((f) => f.subject)).toEqual([
      '2026-10-01',
      '2026-10-07',
      '2026-10-08',
      '2026-10-23',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
    ]);
    expect(fa.filter((f) => f.code !== 'absence_candidate').map((f) => f.code)).toEqual(['forged_shared_device']);
    const fb = await flags(b);
    expect(fb.filter((f) => f.code !== 'absence_candidate').map((f) => f.code)).toEqual([
      'forged_accuracy',
      'forged_other_device',
      'forged_repeated_position',
      'forged_shared_device',
      'forged_travel',
      'name_only',
    ]);
    expect(fb.filter((f) => f.code === 'absence_candidate')).toHaveLength(22 - 5);
    const [rep] = await rows(sql<{ evidence: { dates: string[] } }>`
      SELECT evidence FROM cadre_flag WHERE posting_id = ${b} AND code = 'forged_repeated_position'`);
    expect(rep?.evidence.dates).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09']);
  });

  it('recomputes idempotently', async () => {
    const before = [...(await flags(a)), ...(await flags(b))];
    const again = await computeMonth(db, '211381', MONTH);
    expect(again.flagsChanged).toBe(0);
    expect(again.flagsRemoved).toBe(0);
    expect([...(await flags(a)), ...(await flags(b))]).toEqual(before);
  });

  it('lists the month keyset-paged with masked IDs and open flags', async () => {
    const p1 = await county.get(`/api/cadres/attendance?month=${MONTH}&region=${VILLAGE}&limit=1`);
    expect(p1.status, p1.text).toBe(200);
    expect(p1.body.items).toHaveLength(1);
    expect(p1.body.items[0]).toMatchObject({
      postingId: a,
      daysInVillage: 13,
      nights: 2,
      compliant: false,
      flags: ['forged_shared_device'],
    });
    expect(p1.body.items[0].idMasked).toMatch(/\*/);
    const p2 = await county.get(`/api/cadres/attendance?month=${MONTH}&region=${VILLAGE}&limit=1&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((x: { postingId: number }) => x.postingId)).toEqual([b]);
    expect(p2.body.nextCursor).toBeNull();
    const flagged = await county.get(`/api/cadres/attendance?month=${MONTH}&region=${VILLAGE}&flagged=1&compliant=0`);
    expect(flagged.body.items).toHaveLength(2);
    const detail = await county.get(`/api/cadres/postings/${a}/attendance?month=${MONTH}`);
    expect(detail.status, detail.text).toBe(200);
    const kinds = Object.fromEntries(detail.body.days.map((d: { day: string; kind: string }) => [d.day, d.kind]));
    expect([kinds['2026-10-02'], kinds['2026-10-07'], kinds['2026-10-20'], kinds['2026-10-26'], kinds['2026-10-10']]).toEqual([
      'present',
      'candidate',
      'official',
      'leave',
      'weekend',
    ]);
    expect(detail.body.checkins).toHaveLength(13);
    expect((await county.get(`/api/cadres/attendance?month=2026-13`)).status).toBe(400);
    expect((await county.get(`/api/cadres/attendance?month=${MONTH}&cursor=nonsense`)).status).toBe(400);
  });

  it('lets only the county decide month flags; a dismissal needs a note; confirming caps the rating; all audited', async () => {
    const nameOnly = (await flags(b)).find((f) => f.code === 'name_only');
    if (!nameOnly) throw new Error('no name_only flag');
    const url = `/api/cadres/flags/${nameOnly.id}/decision`;
    const byTownship = await township.post(url, { decision: 'confirm', version: nameOnly.version });
    expect(byTownship.status).toBe(403);
    expect(byTownship.body.error.code).toBe('ATTENDANCE_FLAG_LEVEL');
    expect((await county.post(url, { decision: 'dismiss', version: nameOnly.version })).body.error.code).toBe('ATTENDANCE_NOTE_REQUIRED');
    expect((await county.post(url, { decision: 'dismiss', version: nameOnly.version, note: 'x'.repeat(501) })).status).toBe(400);
    expect((await county.post(url, { decision: 'dismiss', version: nameOnly.version, note: 'a\u0000b' })).status).toBe(400);
    const ok = await county.post(url, { decision: 'confirm', version: nameOnly.version });
    expect(ok.status, ok.text).toBe(200);
    // Not present on 1 October: the first day of the month without presence.
    expect(ok.body).toEqual({ id: Number(nameOnly.id), state: 'confirmed', outcome: 'absence', absenceDay: '2026-10-01' });
    // A second clerk with the same version is told.
    const late = await county.post(url, { decision: 'dismiss', version: nameOnly.version, note: '误报' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ATTENDANCE_FLAG_CHANGED');
    const abs = await rows(sql<{ day: string; source: string }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, source FROM cadre_absence WHERE posting_id = ${b}`);
    expect(abs).toEqual([{ day: '2026-10-01', source: 'flag' }]);
    const review = await county.post(`/api/cadres/postings/${b}/reviews`, { year: 2026, period: 'year', rating: 'excellent' });
    expect(review.body.error.code).toBe('CADRE_RATING_CAPPED');

    const travel = (await flags(b)).find((f) => f.code === 'forged_travel');
    const dis = await county.post(`/api/cadres/flags/${travel?.id}/decision`, {
      decision: 'dismiss',
      version: travel?.version,
      note: '去沈阳开会，已核实',
    });
    expect(dis.status, dis.text).toBe(200);
    expect(dis.body.absenceDay).toBeNull();
    const audit = await rows(sql<{ action: string; actor_name: string }>`
      SELECT action, actor_name FROM audit_log WHERE entity = 'cadre_flag' AND entity_id IN (${nameOnly.id}, ${String(travel?.id)}) ORDER BY id`);
    expect(audit).toEqual([
      { action: 'confirm', actor_name: 'beipiao' },
      { action: 'dismiss', actor_name: 'beipiao' },
    ]);
    // The list shows the decisions at once, without a recompute.
    const row = await listed(b);
    expect(row.flags).not.toContain('name_only');
    expect(row.flags).not.toContain('forged_travel');
    expect({ flags: row.flags, openAbsenceCandidates: row.openAbsenceCandidates }).toEqual(await openInTable(b));
  });

  it('lets the township confirm an absence candidate; a recompute keeps every decision', async () => {
    const before = (await listed(a)).openAbsenceCandidates;
    expect(before).toBe((await openInTable(a)).openAbsenceCandidates);
    const cand = (await flags(a)).find((f) => f.subject === '2026-10-07');
    const ok = await township.post(`/api/cadres/flags/${cand?.id}/decision`, { decision: 'confirm', version: cand?.version });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.absenceDay).toBe('2026-10-07');
    const [abs] = await rows(sql<{ source: string }>`SELECT source FROM cadre_absence WHERE posting_id = ${a} AND day = '2026-10-07'`);
    expect(abs?.source).toBe('attendance');
    expect((await listed(a)).openAbsenceCandidates).toBe(before - 1);
    await computeMonth(db, '211381', MONTH);
    expect((await listed(a)).openAbsenceCandidates).toBe(before - 1);
    expect((await listed(b)).flags).toEqual((await openInTable(b)).flags);
    expect((await flags(a, 'confirmed')).map((f) => f.subject)).toEqual(['2026-10-07']);
    expect((await flags(a)).filter((f) => f.code === 'absence_candidate')).toHaveLength(7);
    expect((await flags(b, 'confirmed')).map((f) => f.code)).toEqual(['name_only']);
    expect((await flags(b, 'dismissed')).map((f) => f.code)).toEqual(['forged_travel']);
  });

  it('feeds the command centre: in the village today, open flags, unexcused absences, the flags alert', async () => {
    await checkin(a, devA, new Date(Date.now() - 60_000).toISOString(), { lat: POINT.lat + 0.001, lon: POINT.lon }, 14.7);
    await checkin(b, devB, new Date(Date.now() - 60_000).toISOString(), { lat: 42.3, lon: 121.5 }, 14.7); // 60 km away
    const [open] = await rows(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cadre_flag WHERE county_code = '211381' AND state = 'open' AND code <> 'absence_candidate'`);
    const [abs] = await rows(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cadre_absence x JOIN cadre_posting p ON p.county_code = x.county_code AND p.id = x.posting_id
      WHERE p.village_code LIKE '211381%' AND NOT x.excused AND x.day <= current_date AND x.day >= date_trunc('year', current_date)`);
    const dash = (await settled(county, '/api/command/dashboard?region=211381')).body;
    const value = (id: string) => dash.figures.find((f: { id: string }) => f.id === id)?.value;
    expect(value('cadre_in_village_today')).toBe(1);
    expect(value('cadre_open_flags')).toBe(open?.n);
    expect(open?.n).toBeGreaterThan(0);
    expect(value('cadre_unexcused_absences')).toBe(abs?.n);
    const alerts = (await county.get('/api/command/alerts?region=211381&rule=cadre_flags_waiting')).body;
    const item = alerts.items.find((x: { what: string }) => x.what.includes('出勤乙'));
    expect(item?.link).toEqual({ kind: 'page', path: `/cadres/attendance/${b}?month=${MONTH}` });
  });

  it('answers another county 404, the same as for a record that does not exist', async () => {
    const [f] = await flags(b);
    expect((await other.get(`/api/cadres/postings/${a}/attendance?month=${MONTH}`)).status).toBe(404);
    const foreign = await other.post(`/api/cadres/flags/${f?.id}/decision`, { decision: 'confirm', version: f?.version });
    const missing = await other.post('/api/cadres/flags/999999999/decision', { decision: 'confirm', version: 1 });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await other.get(`/api/cadres/attendance?month=${MONTH}&region=211381`)).status).toBe(404);
    expect((await other.post('/api/cadres/attendance/compute', { month: MONTH, region: '211381' })).status).toBe(404);
    const [n] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_flag WHERE id = ${f?.id} AND state = 'open'`);
    expect(n?.n).toBe(1);
    expect((await county.post('/api/cadres/attendance/compute', { month: '2099-01' })).body.error.code).toBe('ATTENDANCE_FUTURE_MONTH');
  });
  it('recomputes a month a spot check marked, without anyone asking: the candidate of that day goes', async () => {
    const candidate = async () => (await flags(b)).filter((f) => f.code === 'absence_candidate' && f.subject === '2026-10-28').length;
    expect(await candidate()).toBe(1);
    await sql`DELETE FROM cadre_attendance_dirty`.execute(db);
    const spot = await township.post(`/api/cadres/postings/${b}/spot-checks`, { date: '2026-10-28', found: false });
    expect(spot.status, spot.text).toBe(200);
    expect(spot.body.absence).toBe(true);
    // Still there until the worker's round: the spot check only marked the month.
    expect(await candidate()).toBe(1);
    expect(await recomputeMarked(db, { quietSeconds: 0, batch: 20 })).toEqual([{ county_code: '211381', month: MONTH }]);
    expect(await candidate()).toBe(0);
    const [left] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_attendance_dirty`);
    expect(left?.n).toBe(0);
    // A mark younger than the quiet time waits for the next round.
    await sql`INSERT INTO cadre_attendance_dirty (county_code, month) VALUES ('211381', ${MONTH})`.execute(db);
    expect(await recomputeMarked(db, { quietSeconds: 60, batch: 20 })).toEqual([]);
    // A server stopping after the round's first month: the others are marked again, not computed, not lost.
    await sql`DELETE FROM cadre_attendance_dirty`.execute(db);
    const months = ['2026-07', '2026-08', '2026-09'];
    for (const month of months)
      await sql`INSERT INTO cadre_attendance_dirty (county_code, month, marked_at)
        VALUES ('211381', ${month}, now() - interval '1 hour')`.execute(db);
    let computed = 0;
    const stopping = () => computed++ >= 1;
    const done = (await recomputeMarked(db, { quietSeconds: 0, batch: 20, stopping })).map((m) => m.month);
    expect(done).toHaveLength(1);
    const still = await rows(sql<{ month: string }>`SELECT month FROM cadre_attendance_dirty ORDER BY month`);
    expect(still.map((r) => r.month)).toEqual(months.filter((m) => m !== done[0]));
    await sql`DELETE FROM cadre_attendance_dirty`.execute(db);
  });
  it('lets the county confirm a month flag as a ground for replacement: no absence, listed on the posting', async () => {
    const open = [...(await flags(a)), ...(await flags(b))];
    const month = open.find((f) => f.code !== 'absence_candidate');
    const day = open.find((f) => f.code === 'absence_candidate');
    expect(month && day).toBeTruthy();
    const refused = await county.post(`/api/cadres/flags/${day?.id}/decision`, {
      decision: 'confirm',
      version: day?.version,
      outcome: 'replacement',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('ATTENDANCE_OUTCOME');
    const absences = async () => (await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_absence`))[0]?.n;
    const before = await absences();
    const r = await county.post(`/api/cadres/flags/${month?.id}/decision`, {
      decision: 'confirm',
      version: month?.version,
      outcome: 'replacement',
      note: '长期不在岗',
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'confirmed', outcome: 'replacement', absenceDay: null });
    expect(await absences()).toBe(before);
    const [row] = await rows(sql<{ posting_id: string; outcome: string; absence_id: string | null }>`
      SELECT posting_id::text AS posting_id, outcome, absence_id::text AS absence_id FROM cadre_flag WHERE id = ${month?.id}`);
    expect(row).toMatchObject({ outcome: 'replacement', absence_id: null });
    const detail = await county.get(`/api/cadres/postings/${row?.posting_id}`);
    expect(detail.body.replacementGrounds.map((g: { flagId: number }) => g.flagId)).toEqual([Number(month?.id)]);
    expect(detail.body.replacementGrounds[0].note).toBe('长期不在岗');
    // Every confirmed flag says what it became.
    const [n] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_flag WHERE state = 'confirmed' AND outcome IS NULL`);
    expect(n?.n).toBe(0);
  });
});
