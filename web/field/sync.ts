// Sends the queues when online: check-ins in batches of up to 200, then each work log (multipart, with its photos),
// then the visits (after the logs, so a visit can be linked to its day's log). Registers the device key first if the
// server has not seen it. Accepted, duplicate and refused records leave the queue; a network failure keeps them.
// A key the county revoked is dropped once its records are refused: the next check-in makes and registers a new one.
import { call, FieldError, type Result } from './api';
import type { Lang } from './i18n';
import { dequeue, dequeueLog, dequeueVisits, deviceKey, forgetDeviceKey, queued, queuedLogs, queuedVisits, saveDeviceId } from './store';

export interface SyncOutcome {
  sent: number;
  refused: Result[];
}

let running: Promise<SyncOutcome> | null = null;

export function syncQueue(username: string, lang: Lang): Promise<SyncOutcome> {
  running ??= run(username, lang).finally(() => {
    running = null;
  });
  return running;
}

async function deviceId(username: string, lang: Lang): Promise<number> {
  const key = await deviceKey(username);
  if (key.deviceId !== null) return key.deviceId;
  const r = await call<{ deviceId: number }>(lang, 'POST', '/api/field/devices', { publicKey: key.publicJwk });
  await saveDeviceId(username, r.deviceId);
  return r.deviceId;
}

/** A refusal the server will repeat however often the record is sent (4xx other than a lost session). */
const final = (e: unknown) => e instanceof FieldError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403;

async function run(username: string, lang: Lang): Promise<SyncOutcome> {
  const out: SyncOutcome = { sent: 0, refused: [] };
  if (!navigator.onLine) return out;
  const checkins = await queued(username);
  const logs = await queuedLogs(username);
  const visits = await queuedVisits(username);
  if (checkins.length + logs.length + visits.length === 0) return out;
  try {
    const device = checkins.length + logs.length > 0 ? await deviceId(username, lang) : 0;
    for (let i = 0; i < checkins.length; i += 200) {
      const records = checkins.slice(i, i + 200).map((q) => ({
        clientId: q.clientId,
        deviceId: device,
        deviceTime: q.deviceTime,
        lat: q.lat,
        lon: q.lon,
        accuracy: q.accuracy,
        signature: q.signature,
      }));
      const results = (await call<{ results: Result[] }>(lang, 'POST', '/api/field/checkins', { records })).results;
      await dequeue(results.map((r) => r.clientId));
      out.sent += results.filter((r) => r.status !== 'refused').length;
      out.refused.push(...results.filter((r) => r.status === 'refused'));
    }
    for (const l of logs) {
      const form = new FormData();
      form.append(
        'meta',
        JSON.stringify({ clientId: l.clientId, deviceId: device, logDate: l.logDate, text: l.text, signature: l.signature }),
      );
      for (const p of l.photos) form.append('photo', p.blob, p.name);
      try {
        const r = await call<Result>(lang, 'POST', '/api/field/logs', form);
        if (r.status === 'refused') out.refused.push(r);
        else out.sent++;
      } catch (e) {
        if (!final(e)) throw e;
        out.refused.push({
          clientId: l.clientId,
          status: 'refused',
          reasonCode: (e as FieldError).code,
          reason: (e as FieldError).message,
        });
      }
      await dequeueLog(l.clientId);
    }
    for (let i = 0; i < visits.length; i += 50) {
      const records = visits.slice(i, i + 50).map((v) => ({
        clientId: v.clientId,
        householdId: v.householdId,
        visitDate: v.visitDate,
        note: v.note,
        withLog: v.withLog,
      }));
      const results = (await call<{ results: Result[] }>(lang, 'POST', '/api/field/visits', { records })).results;
      await dequeueVisits(results.map((r) => r.clientId));
      out.sent += results.filter((r) => r.status !== 'refused').length;
      out.refused.push(...results.filter((r) => r.status === 'refused'));
    }
  } catch (e) {
    if (e instanceof FieldError && e.status === 0) return out;
    throw e;
  } finally {
    // Everything queued was sent under the revoked key in this run (and refused, saying so); what comes next is
    // signed with a new key, which the next sync registers (after the password: revoking ends the login's sessions).
    if (out.refused.some((r) => r.reasonCode === 'FIELD_DEVICE_REVOKED')) await forgetDeviceKey(username);
  }
  return out;
}
