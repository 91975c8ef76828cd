import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { withIndexesBuiltAfter } from '../../../db/bulk-load.ts';
import type { Db } from '../../../db/types.ts';
import { addDays, thisDay } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import { Random } from '../../registry/demo/random.ts';
import { computeMonth } from '../attendance/compute.ts';
import { earlierDay, isWorkingDay, laterDay } from '../attendance/rules.ts';
import { thumbprint } from '../checkins.ts';

/**
 * The demo's attendance (docs/decisions/0016-attendance.md): an approximate point for every village with a posting
 * (deterministic, inside the county's outline from the map the command centre ships; source 'approximate'), a
 * registered phone per posting with a real P-256 public key, and twelve months of check-ins. Most cadres are
 * honest (in the village most days, some nights, GPS jitter, real-looking accuracy, none on leave); a few per
 * thousand are 挂名, 走读 or forged, and one pair shares a phone, so the flags and the command centre show them.
 * The check-ins are marked, not signed: their signature is `demo` (no private key is kept); the keys are real so the
 * device table reads like a real one. Then the months are computed.
 */

const GEO_FILE = new URL('../../../../data/geo/liaoning-counties.json', import.meta.url);
const CHUNK = 20_000;
const MONTHS = 12;

type Ring = [number, number][];
interface Feature {
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** Ray casting over the outer ring (the outlines have no holes that matter at this scale). */
function inRing(ring: Ring, lon: number, lat: number) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A deterministic point inside a county's outline for a village (its largest polygon's bounding box, sampled). */
export function villagePoint(f: Feature, village: string) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const outer = polys.map((p) => p[0] as Ring).sort((a, b) => b.length - a.length)[0] as Ring;
  const lons = outer.map((p) => p[0]);
  const lats = outer.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const r = new Random(`village-point:${village}`);
  for (let i = 0; i < 200; i++) {
    const lon = r.range(x0, x1);
    const lat = r.range(y0, y1);
    if (inRing(outer, lon, lat)) return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  }
  return { lon: (x0 + x1) / 2, lat: (y0 + y1) / 2 };
}

export type Profile = 'honest' | 'name_only' | 'commuting' | 'forged';

/** Which postings misbehave: a few per thousand of each kind, always some in the demo county (北票市). */
export function profileOf(r: Random, index: number): Profile {
  if (index === 1) return 'commuting';
  if (index === 2) return 'name_only';
  if (index === 3) return 'forged';
  const x = r.float();
  return x < 0.02 ? 'name_only' : x < 0.04 ? 'commuting' : x < 0.05 ? 'forged' : 'honest';
}

const shanghai = (day: string, minute: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000).toISOString();

export interface DemoCheckin {
  at: string;
  lat: number;
  lon: number;
  accuracy: number;
}

/** One posting's check-ins between two days for its profile; `off` says which days it is away on leave. */
export function checkinsFor(
  r: Random,
  profile: Profile,
  point: { lat: number; lon: number },
  from: string,
  to: string,
  off: (day: string) => boolean,
): DemoCheckin[] {
  const out: DemoCheckin[] = [];
  const acc = () => Math.round((6 + r.float() ** 2 * 55) * 10) / 10;
  const jitter = (m: number) => ({
    lat: Math.round((point.lat + (r.float() - 0.5) * m * 1.8e-5) * 1e6) / 1e6,
    lon: Math.round((point.lon + (r.float() - 0.5) * m * 2.4e-5) * 1e6) / 1e6,
  });
  const fixed = { lat: Math.round((point.lat + 0.0012) * 1e6) / 1e6, lon: Math.round((point.lon - 0.0009) * 1e6) / 1e6 };
  // The commuter's road: about 1.3 km south-east of the point.
  const road = { lat: point.lat - 0.009, lon: point.lon + 0.011 };
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (off(day)) continue;
    const work = isWorkingDay(day);
    if (profile === 'honest') {
      // Present on nearly every working day: an honest cadre's few gaps are the township's to confirm or excuse.
      if (!r.chance(work ? 0.98 : 0.6)) continue;
      out.push({ at: shanghai(day, r.int(6 * 60 + 40, 9 * 60 + 30)), ...jitter(600), accuracy: acc() });
      if (r.chance(0.45)) out.push({ at: shanghai(day, r.int(13 * 60, 17 * 60)), ...jitter(900), accuracy: acc() });
      if (r.chance(0.35)) out.push({ at: shanghai(day, r.int(20 * 60, 22 * 60 + 30)), ...jitter(300), accuracy: acc() });
    } else if (profile === 'name_only') {
      if (!work || !r.chance(0.18)) continue;
      out.push({ at: shanghai(day, r.int(9 * 60, 11 * 60)), ...jitter(600), accuracy: acc() });
    } else if (profile === 'commuting') {
      if (!work || !r.chance(0.92)) continue;
      out.push({
        at: shanghai(day, r.int(8 * 60 + 30, 9 * 60)),
        lat: Math.round((road.lat + (r.float() - 0.5) * 0.0006) * 1e6) / 1e6,
        lon: Math.round((road.lon + (r.float() - 0.5) * 0.0006) * 1e6) / 1e6,
        accuracy: acc(),
      });
      out.push({ at: shanghai(day, r.int(16 * 60 + 40, 17 * 60 + 10)), ...jitter(500), accuracy: acc() });
    } else {
      // Forged: a replayed position, the same accuracy every time, and now and then a record from the county town.
      if (!r.chance(work ? 0.85 : 0.5)) continue;
      out.push({ at: shanghai(day, r.int(7 * 60, 9 * 60)), ...fixed, accuracy: 5 });
      if (r.chance(0.05))
        out.push({ at: shanghai(day, r.int(9 * 60 + 10, 9 * 60 + 40)), lat: point.lat + 0.6, lon: point.lon + 0.4, accuracy: 5 });
    }
  }
  return out;
}

interface PostingRow {
  county_code: string;
  id: string;
  village_code: string;
  start_date: string;
  end_date: string | null;
}

export interface AttendanceDemoResult {
  points: number;
  devices: number;
  checkins: number;
  months: number;
  flags: number;
}

/**
 * Loads points, devices and check-ins for the province's demo postings, then computes the last `computeMonths` of the
 * twelve months (all by default); the older ones are marked for the server's attendance worker (a first start computes
 * the two the pages open on, and serves while the worker does the rest).
 */
export async function loadDemoAttendance(
  db: Db,
  opts: { provinceCode?: string; seed?: number | string; computeMonths?: number } = {},
): Promise<AttendanceDemoResult> {
  const province = opts.provinceCode ?? '21';
  const today = thisDay();
  const firstMonth = (() => {
    const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - (MONTHS - 1), 1));
    return d.toISOString().slice(0, 10);
  })();
  const postings = (
    await sql<PostingRow>`
      SELECT county_code, id::text AS id, village_code, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
      FROM cadre_posting WHERE county_code LIKE ${`${province}%`} AND confirmed_on IS NOT NULL
        AND start_date <= ${today}::date AND (end_date IS NULL OR end_date >= ${firstMonth}::date)
      ORDER BY county_code, village_code, id`.execute(db)
  ).rows;
  const geo = JSON.parse(await readFile(GEO_FILE, 'utf8')) as { features: Feature[] };
  const outline = new Map(geo.features.map((f) => [f.properties.code, f]));
  const villages = [...new Set(postings.map((p) => p.village_code))];
  const points = new Map<string, { lat: number; lon: number }>();
  for (const v of villages) {
    const f = outline.get(v.slice(0, 6));
    if (f) points.set(v, villagePoint(f, v));
  }
  const pts = [...points.entries()];
  await sql`INSERT INTO village_point (county_code, village_code, lon, lat, source)
    SELECT left(v, 6), v, lon, lat, 'approximate' FROM unnest(${pts.map((p) => p[0])}::text[], ${pts.map((p) => p[1].lon)}::float8[],
           ${pts.map((p) => p[1].lat)}::float8[]) AS t(v, lon, lat)
    ON CONFLICT (county_code, village_code) DO NOTHING`.execute(db);
  // The stored points win (a real one imported before the demo).
  const stored = await sql<{ village_code: string; lat: number; lon: number }>`
    SELECT village_code, lat, lon FROM village_point WHERE village_code = ANY(${villages}::text[])`.execute(db);
  for (const s of stored.rows) points.set(s.village_code, { lat: Number(s.lat), lon: Number(s.lon) });

  // The phones belong to a login; the demo's postings have none but 海丰村's, so a disabled demo account owns them.
  await sql`INSERT INTO app_user (username, display_name, password_hash, role, scope_code, is_demo, disabled, must_change_password)
    VALUES ('demo_phones', '演示签到设备', '!', 'leader', ${province}, true, true, false) ON CONFLICT (username) DO NOTHING`.execute(db);
  const owner = await sql<{ id: string }>`SELECT id::text AS id FROM app_user WHERE username = 'demo_phones'`.execute(db);
  const userId = Number(owner.rows[0]?.id);
  const leave = await sql<{ county_code: string; posting_id: string; start_date: string; end_date: string }>`
    SELECT l.county_code, l.posting_id::text AS posting_id, to_char(l.start_date, 'YYYY-MM-DD') AS start_date, to_char(l.end_date, 'YYYY-MM-DD') AS end_date
    FROM cadre_leave l JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
    WHERE l.county_code LIKE ${`${province}%`} AND c.state IN ('approved', 'taken')`.execute(db);
  const leaveOf = new Map<string, { start: string; end: string }[]>();
  for (const l of leave.rows) {
    const k = `${l.county_code}:${l.posting_id}`;
    leaveOf.set(k, [...(leaveOf.get(k) ?? []), { start: l.start_date, end: l.end_date }]);
  }

  if (!Number.isFinite(userId) || postings.length === 0) return { points: pts.length, devices: 0, checkins: 0, months: 0, flags: 0 };
  const rnd = new Random(`attendance:${opts.seed ?? 20170601}`);
  // A real P-256 public key per posting's phone.
  const devices = postings.map((p) => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as {
      kty: string;
      crv: string;
      x: string;
      y: string;
    };
    const key = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
    return { county: p.county_code, posting: Number(p.id), key: JSON.stringify(key), thumb: thumbprint(key as never) };
  });
  const made = await timed(
    'demo.attendance.devices',
    async () =>
      (
        await sql<{ id: string; key: string }>`
        INSERT INTO cadre_device (county_code, posting_id, user_id, public_key, key_thumbprint, registered_at)
        SELECT c, p, ${userId}, k::jsonb, t, ${`${firstMonth}T00:00:00+08:00`}::timestamptz
        FROM unnest(${devices.map((d) => d.county)}::text[], ${devices.map((d) => d.posting)}::bigint[], ${devices.map((d) => d.key)}::text[],
                    ${devices.map((d) => d.thumb)}::text[]) AS x(c, p, k, t)
        RETURNING id::text AS id, county_code || ':' || posting_id AS key`.execute(db)
      ).rows,
  );
  const byPosting = new Map(made.map((d) => [d.key, Number(d.id)]));
  const deviceIds = postings.map((p) => byPosting.get(`${p.county_code}:${p.id}`) as number);

  const rows: { county: string; posting: number; device: number; at: string; received: string; lat: number; lon: number; acc: number }[] =
    [];
  let inCounty = 0;
  let lastCounty = '';
  for (const [i, p] of postings.entries()) {
    inCounty = p.county_code === lastCounty ? inCounty + 1 : 0;
    lastCounty = p.county_code;
    const point = points.get(p.village_code);
    if (!point) continue;
    const r = rnd.derive(`${p.county_code}:${p.id}`);
    // The demo county's first postings show each pattern; elsewhere they are drawn.
    const profile = p.county_code === '211381' ? profileOf(r, inCounty) : profileOf(r, 99);
    const from = laterDay(p.start_date, firstMonth);
    const to = p.end_date ? earlierDay(p.end_date, today) : today;
    const off = leaveOf.get(`${p.county_code}:${p.id}`) ?? [];
    let device = deviceIds[i] as number;
    // One phone shared: the demo county's fifth posting checks in now and then with the fourth one's phone.
    const shared = p.county_code === '211381' && inCounty === 5 ? (deviceIds[i - 1] as number) : null;
    for (const c of checkinsFor(r, profile, point, from, to, (d) => off.some((l) => d >= l.start && d <= l.end))) {
      if (shared && r.chance(0.1)) device = shared;
      else device = deviceIds[i] as number;
      const sentAt = Date.parse(c.at) + (r.chance(0.7) ? r.int(2, 40) * 1000 : Math.round(r.range(0.6, 36) * 3_600_000));
      if (sentAt > Date.now()) continue;
      rows.push({
        county: p.county_code,
        posting: Number(p.id),
        device,
        at: c.at,
        received: new Date(sentAt).toISOString(),
        lat: c.lat,
        lon: c.lon,
        acc: c.accuracy,
      });
    }
  }
  await timed('demo.attendance.checkins', () =>
    withIndexesBuiltAfter(
      db,
      ['cadre_checkin'],
      async () => {
        for (let i = 0; i < rows.length; i += CHUNK) {
          const part = rows.slice(i, i + CHUNK);
          // Ascending client ids (one range per province): appended to the unique index, not scattered over it.
          const ids = part.map((_, k) => `de0000${province.slice(0, 2)}-0000-4000-8000-${(i + k).toString(16).padStart(12, '0')}`);
          await sql`INSERT INTO cadre_checkin (county_code, posting_id, client_id, device_id, device_time, received_at, lat, lon, accuracy_m, signature)
        SELECT c, p, u, d, a, rc, la, lo, ac, 'demo'
        FROM unnest(${part.map((x) => x.county)}::text[], ${part.map((x) => x.posting)}::bigint[], ${ids}::uuid[], ${part.map((x) => x.device)}::bigint[],
                    ${part.map((x) => x.at)}::timestamptz[], ${part.map((x) => x.received)}::timestamptz[], ${part.map((x) => x.lat)}::float8[],
                    ${part.map((x) => x.lon)}::float8[], ${part.map((x) => x.acc)}::float8[]) AS t(c, p, u, d, a, rc, la, lo, ac)`.execute(
            db,
          );
        }
      },
      { keep: ['cadre_checkin_posting_idx'] },
    ),
  );
  let flags = 0;
  const months = Array.from({ length: MONTHS }, (_, k) => {
    const m = new Date(Date.parse(`${firstMonth}T00:00:00Z`));
    m.setUTCMonth(m.getUTCMonth() + k);
    return m.toISOString().slice(0, 7);
  });
  const now = months.slice(MONTHS - Math.min(MONTHS, opts.computeMonths ?? MONTHS));
  await timed('demo.attendance.compute', async () => {
    for (const month of now) flags += (await computeMonth(db, province, month)).flags;
  });
  const later = months.filter((m) => !now.includes(m));
  const counties = [...new Set(postings.map((p) => p.county_code))];
  await sql`INSERT INTO cadre_attendance_dirty (county_code, month, marked_at)
    SELECT c, m, now() - interval '1 hour' FROM unnest(${counties}::text[]) AS c, unnest(${later}::text[]) AS m
    ON CONFLICT DO NOTHING`.execute(db);
  return { points: pts.length, devices: deviceIds.length, checkins: rows.length, months: MONTHS, flags };
}
