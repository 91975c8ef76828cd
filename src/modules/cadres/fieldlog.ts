import { verify } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { thisDay } from '../../server/clock.ts';
import { AppError } from '../../server/errors.ts';
import { type Lang, t } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import { mustChangePassword, type SessionUser } from '../auth/service.ts';
import { proposeFromVisit } from '../exit/monitoring/service.ts';
import { getSetting } from '../settings.ts';
import type { PublicJwk } from './checkin-schema.ts';
import * as cq from './checkins.queries.ts';
import { DEFAULT_LATE_DAYS, publicKeyOf, revokedParams } from './checkins.ts';
import * as fq from './fieldlog.queries.ts';
import { LogMeta, type VisitBatch } from './fieldlog-schema.ts';
import { type PhotoMime, readExif, removePhoto, sha256Hex, sniffImage, storePhoto } from './photos.ts';
import * as q from './queries.ts';

/**
 * The field app's work logs (工作日志) and household visits (走访), decision 0014. A log is written on the phone,
 * offline if need be, signed by the device key over its text and its photos' hashes, and sent once online as one
 * multipart request; the same client id again is answered as a duplicate. Photos go to DATA_DIR by content hash.
 */
export const LOG_PREFIX = 'fupin-log-v1';
export const MAX_PHOTOS = 3;
export const DEFAULT_PHOTO_MB = 5;
/** Room for the meta field and the multipart framing beside the photos. */
const FORM_OVERHEAD = 64 * 1024;

type Jwk = z.infer<typeof PublicJwk>;
type Meta = z.infer<typeof LogMeta>;

/** What the phone signs: the text last, so a '|' in it cannot move the other fields. */
export const logCanonical = (m: Pick<Meta, 'clientId' | 'logDate' | 'text'>, photoHashes: string[]) =>
  `${LOG_PREFIX}|${m.clientId.toLowerCase()}|${m.logDate}|${photoHashes.join(',')}|${m.text}`;

export function logSignatureValid(k: Jwk, m: Meta, photoHashes: string[]) {
  try {
    const sig = Buffer.from(m.signature, 'base64');
    if (sig.length !== 64) return false;
    return verify('sha256', Buffer.from(logCanonical(m, photoHashes)), { key: publicKeyOf(k), dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

function postingLink(user: SessionUser) {
  if (mustChangePassword(user)) throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
  if (!user.posting_county || user.posting_id === null || user.posting_id === undefined) throw new AppError('FIELD_NO_POSTING', 403);
  return { county: user.posting_county, postingId: Number(user.posting_id) };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A day the phone may write about: not after tomorrow (UTC days, a phone east of UTC is ahead), not before the late limit. */
function dayProblem(day: string, lateDays: number): 'FIELD_TOO_LATE' | 'FIELD_FUTURE' | null {
  const now = thisDay();
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return 'FIELD_TOO_LATE';
  if (day > addDays(now, 1)) return 'FIELD_FUTURE';
  if (day < addDays(now, -lateDays)) return 'FIELD_TOO_LATE';
  return null;
}

interface Photo {
  bytes: Buffer;
  mime: PhotoMime;
  sha256: string;
}

/**
 * Reads the multipart upload whole before anything is written: the meta field and up to 3 photos, each within the
 * size setting and a JPEG or PNG by its first bytes. Any problem is an error here, with nothing stored.
 */
export async function readLogUpload(req: FastifyRequest, db: Db, county: string): Promise<{ meta: Meta; photos: Photo[] }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, { type: req.headers['content-type'] ?? '' });
  const maxMb = Number(await getSetting(db, 'cadres.log_photo_max_mb', DEFAULT_PHOTO_MB, { scopeCode: county }));
  const maxBytes = Math.floor(maxMb * 1024 * 1024);
  const total = Number(req.headers['content-length'] ?? 0);
  if (total > MAX_PHOTOS * maxBytes + FORM_OVERHEAD) {
    throw new AppError('FIELD_LOG_TOO_LARGE', 413, { max: MAX_PHOTOS * maxMb });
  }
  let metaText: string | null = null;
  const photos: Photo[] = [];
  try {
    const parts = req.parts({ limits: { files: MAX_PHOTOS, fileSize: maxBytes, fields: 2, fieldSize: 16 * 1024, parts: MAX_PHOTOS + 2 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== 'meta' || part.valueTruncated || typeof part.value !== 'string')
          throw new AppError('FIELD_LOG_BAD_FORM', 400);
        metaText = part.value;
        continue;
      }
      if (part.fieldname !== 'photo') {
        part.file.resume();
        throw new AppError('FIELD_LOG_BAD_FORM', 400);
      }
      const bytes = await part.toBuffer();
      const mime = sniffImage(bytes);
      if (!mime)
        throw new AppError('FIELD_PHOTO_TYPE', 400, { name: part.filename ?? '' }, [
          { path: `photo.${photos.length}`, code: 'FIELD_PHOTO_TYPE' },
        ]);
      photos.push({ bytes, mime, sha256: sha256Hex(bytes) });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FIELD_PHOTO_TOO_LARGE', 413, { max: maxMb });
    if (code === 'FST_FILES_LIMIT') throw new AppError('FIELD_TOO_MANY_PHOTOS', 400, { max: MAX_PHOTOS });
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('FIELD_LOG_BAD_FORM', 400);
    throw e;
  }
  if (metaText === null) throw new AppError('FIELD_LOG_BAD_FORM', 400);
  let json: unknown;
  try {
    json = JSON.parse(metaText);
  } catch {
    throw new AppError('FIELD_LOG_BAD_FORM', 400);
  }
  const parsed = LogMeta.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('FIELD_LOG_BAD_FORM', 400, {}, [{ path: issue?.path.join('.') ?? 'meta', code: 'FIELD_LOG_BAD_FORM' }]);
  }
  return { meta: parsed.data, photos };
}

type Outcome = { clientId: string; status: 'accepted' | 'duplicate' | 'refused'; reasonCode: string | null; reason: string | null };

/**
 * Stores a log whose upload was read whole: judged like a check-in (device, signature, day, replay), then the photo
 * files are put in place and the rows inserted in one transaction. A failure anywhere removes the files this call
 * created (unless another log names them), so a failed upload leaves neither a row nor an orphan file.
 */
export async function receiveLog(db: Db, dataDir: string, user: SessionUser, upload: { meta: Meta; photos: Photo[] }, lang: Lang) {
  const { county, postingId } = postingLink(user);
  const { meta, photos } = upload;
  const clientId = meta.clientId.toLowerCase();
  const hashes = photos.map((p) => p.sha256);
  const refuse = (code: Parameters<typeof t>[1], params: Record<string, unknown> = {}): Outcome & { logId: null } => ({
    clientId,
    status: 'refused',
    reasonCode: code,
    reason: t(lang, code, params),
    logId: null,
  });
  const exif = await Promise.all(photos.map((p) => readExif(p.bytes)));
  const created: Photo[] = [];
  try {
    return await db.transaction().execute(async (tx) => {
      const known = await fq.logByClientId(tx, county, clientId);
      if (known) {
        return known.signature === meta.signature && Number(known.posting_id) === postingId
          ? { clientId, status: 'duplicate' as const, reasonCode: null, reason: null, logId: Number(known.id) }
          : refuse('FIELD_REPLAYED');
      }
      const [device] = await cq.devicesByIds(tx, county, [meta.deviceId]);
      if (!device || (device.user_id === user.id && device.posting_id !== postingId)) return refuse('FIELD_DEVICE_UNKNOWN');
      if (device.user_id !== user.id) return refuse('FIELD_DEVICE_OTHER_USER');
      if (device.revoked_at) return refuse('FIELD_DEVICE_REVOKED', revokedParams(device));
      if (!logSignatureValid(device.public_key as Jwk, meta, hashes)) return refuse('FIELD_BAD_SIGNATURE');
      const lateDays = Number(await getSetting(tx, 'cadres.checkin_late_days', DEFAULT_LATE_DAYS, { scopeCode: county }));
      const late = dayProblem(meta.logDate, lateDays);
      if (late) return refuse(late, { days: lateDays });
      if (await fq.logOfDay(tx, county, postingId, meta.logDate)) return refuse('FIELD_LOG_EXISTS', { date: meta.logDate });
      const logId = await fq.insertLog(tx, {
        county_code: county,
        posting_id: postingId,
        client_id: clientId,
        device_id: device.id,
        log_date: meta.logDate,
        body: meta.text,
        signature: meta.signature,
      });
      // Stored meanwhile by the same log sent twice at once, or another log of that day.
      if (logId === null) return refuse('FIELD_LOG_EXISTS', { date: meta.logDate });
      for (const p of photos) if (await storePhoto(dataDir, p.sha256, p.mime, p.bytes)) created.push(p);
      await fq.insertPhotos(
        tx,
        photos.map((p, i) => ({
          county_code: county,
          log_id: logId,
          seq: i + 1,
          sha256: p.sha256,
          mime: p.mime,
          bytes: p.bytes.length,
          exif_time: exif[i]?.time ?? null,
          exif_lat: exif[i]?.lat ?? null,
          exif_lon: exif[i]?.lon ?? null,
        })),
      );
      const p = await q.postingById(tx, postingId);
      await audit.record(
        tx,
        { id: user.id, username: user.username },
        {
          scopeCode: p?.village_code ?? county,
          entity: 'cadre_work_log',
          entityId: logId,
          action: 'create',
          after: { name: p?.name ?? '', postingId, logDate: meta.logDate, text: meta.text, photos: hashes.length },
        },
      );
      return { clientId, status: 'accepted' as const, reasonCode: null, reason: null, logId };
    });
  } catch (e) {
    for (const p of created) if (!(await fq.photoHashUsed(db, p.sha256).catch(() => true))) await removePhoto(dataDir, p.sha256, p.mime);
    throw e;
  }
}

/** The village's households for the phone's picker (number and householder only), cached there for offline use. */
export async function fieldHouseholds(db: Db, user: SessionUser) {
  const { county, postingId } = postingLink(user);
  const p = await q.postingById(db, postingId);
  if (!p || p.county_code !== county) throw new AppError('FIELD_NO_POSTING', 403);
  const rows = await fq.villageHouseholds(db, county, p.village_code);
  return {
    villageCode: p.village_code,
    items: rows.map((h) => ({
      id: h.id,
      householdNo: h.household_no,
      headName: h.head_name,
      // Computed from the name (never from the ID); empty until the start-up backfill reached an old row.
      headPinyin: h.head_pinyin || null,
      headInitials: h.head_initials || null,
    })),
  };
}

/**
 * Visits, a batch from the phone's queue: each one answered on its own. The household must be in the posting's
 * village (else refused); the same client id again is a duplicate when it says the same, else a replay.
 */
export async function receiveVisits(db: Db, user: SessionUser, batch: z.infer<typeof VisitBatch>, lang: Lang) {
  const { county, postingId } = postingLink(user);
  const refuse = (clientId: string, code: Parameters<typeof t>[1], params: Record<string, unknown> = {}) => ({
    clientId,
    status: 'refused' as const,
    reasonCode: code,
    reason: t(lang, code, params),
    visitId: null,
  });
  return db.transaction().execute(async (tx) => {
    const p = await q.postingById(tx, postingId);
    if (!p || p.county_code !== county) throw new AppError('FIELD_NO_POSTING', 403);
    const lateDays = Number(await getSetting(tx, 'cadres.checkin_late_days', DEFAULT_LATE_DAYS, { scopeCode: county }));
    const results = [];
    for (const r of batch.records) {
      const clientId = r.clientId.toLowerCase();
      const known = await fq.visitByClientId(tx, county, clientId);
      if (known) {
        const same =
          Number(known.posting_id) === postingId &&
          Number(known.household_id) === r.householdId &&
          known.visit_date === r.visitDate &&
          known.note === r.note;
        results.push(
          same
            ? { clientId, status: 'duplicate' as const, reasonCode: null, reason: null, visitId: Number(known.id) }
            : refuse(clientId, 'FIELD_REPLAYED'),
        );
        continue;
      }
      // A household id of another county is simply not found in this one.
      const h = await fq.householdPlace(tx, county, r.householdId);
      if (!h || h.village_code !== p.village_code) {
        results.push(refuse(clientId, 'FIELD_HOUSEHOLD_NOT_IN_VILLAGE', { village: p.village_name }));
        continue;
      }
      const late = dayProblem(r.visitDate, lateDays);
      if (late) {
        results.push(refuse(clientId, late, { days: lateDays }));
        continue;
      }
      const log = r.withLog ? await fq.logOfDay(tx, county, postingId, r.visitDate) : undefined;
      const id = await fq.insertVisit(tx, {
        county_code: county,
        posting_id: postingId,
        client_id: clientId,
        household_id: r.householdId,
        visit_date: r.visitDate,
        note: r.note,
        log_id: log ? Number(log.id) : null,
        created_by: user.id,
      });
      if (id === null) {
        results.push({ clientId, status: 'duplicate' as const, reasonCode: null, reason: null, visitId: null });
        continue;
      }
      await audit.record(
        tx,
        { id: user.id, username: user.username },
        {
          scopeCode: p.village_code,
          entity: 'cadre_visit',
          entityId: id,
          action: 'create',
          after: { name: p.name, postingId, householdNo: h.household_no, visitDate: r.visitDate, note: r.note },
        },
      );
      // The household's own trail shows the visit too.
      await audit.record(
        tx,
        { id: user.id, username: user.username },
        {
          scopeCode: p.village_code,
          entity: 'household',
          entityId: r.householdId,
          action: 'visit',
          after: { visitDate: r.visitDate, cadre: p.name, note: r.note },
        },
      );
      const monitoring = r.monitoring
        ? await proposeFromVisit(tx, user, {
            county,
            villageCode: p.village_code,
            householdId: r.householdId,
            visitId: id,
            ...r.monitoring,
          })
        : undefined;
      results.push({ clientId, status: 'accepted' as const, reasonCode: null, reason: null, visitId: id, monitoring });
    }
    return { results };
  });
}

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
};

/** A posting's logs (with their photos' EXIF signals and served URLs) and visits in a month, for the county. */
export async function postingFieldRecords(db: Db, postingId: number, month: string | undefined) {
  const m = month ?? thisDay().slice(0, 7);
  const p = await q.postingById(db, postingId);
  if (!p) return { month: m, logs: [], visits: [] };
  const { from, to } = monthRange(m);
  const logs = await fq.logsOfPosting(db, p.county_code, postingId, from, to);
  const photos = await fq.photosOfLogs(
    db,
    p.county_code,
    logs.map((l) => l.id),
  );
  const visits = await fq.visitsOfPosting(db, p.county_code, postingId, from, to);
  return {
    month: m,
    logs: logs.map((l) => ({
      id: l.id,
      clientId: l.client_id,
      logDate: l.log_date,
      text: l.body,
      receivedAt: new Date(l.received_at).toISOString(),
      photos: photos
        .filter((x) => x.log_id === l.id)
        .map((x) => ({
          seq: x.seq,
          mime: x.mime,
          bytes: Number(x.bytes),
          exifTime: x.exif_time,
          exifLat: x.exif_lat === null ? null : Number(x.exif_lat),
          exifLon: x.exif_lon === null ? null : Number(x.exif_lon),
          url: `/api/cadres/postings/${postingId}/logs/${l.id}/photos/${x.seq}`,
        })),
    })),
    visits: visits.map((v) => ({
      id: v.id,
      clientId: v.client_id,
      householdId: v.household_id,
      householdNo: v.household_no,
      headName: v.head_name,
      visitDate: v.visit_date,
      note: v.note,
      logId: v.log_id,
    })),
  };
}

/** The caller's own posting's logs this month and its leave: what the phone shows as done. */
export async function fieldOwnLogs(db: Db, user: SessionUser) {
  const { postingId } = postingLink(user);
  return postingFieldRecords(db, postingId, undefined);
}

export function fieldPostingOf(user: SessionUser) {
  return postingLink(user);
}
