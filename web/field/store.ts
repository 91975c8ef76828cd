// The phone's side, in IndexedDB: one non-extractable ECDSA P-256 key per login (with the device id the server gave
// its public half), the queues of signed check-ins, work logs (with their photos as Blobs) and visits not yet
// accepted by the server, and the village's household list for the visit picker.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Checkin, HouseholdPick } from './api';

export interface Queued extends Checkin {
  username: string;
  signature: string;
}

interface DeviceKey {
  username: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
  deviceId: number | null;
}

export interface QueuedPhoto {
  blob: Blob;
  name: string;
  sha256: string;
}

export interface QueuedLog {
  clientId: string;
  username: string;
  logDate: string;
  text: string;
  photos: QueuedPhoto[];
  signature: string;
  queuedAt: string;
}

export interface QueuedVisit {
  clientId: string;
  username: string;
  householdId: number;
  householdNo: string;
  headName: string | null;
  visitDate: string;
  note: string;
  withLog: boolean;
}

interface VillageCache {
  username: string;
  villageCode: string;
  items: HouseholdPick[];
  savedAt: string;
}

interface FieldDb extends DBSchema {
  keys: { key: string; value: DeviceKey };
  queue: { key: string; value: Queued; indexes: { username: string } };
  logs: { key: string; value: QueuedLog; indexes: { username: string } };
  visits: { key: string; value: QueuedVisit; indexes: { username: string } };
  households: { key: string; value: VillageCache };
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;
const db = () => {
  opened ??= openDB<FieldDb>('fupin-field', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('keys', { keyPath: 'username' });
        d.createObjectStore('queue', { keyPath: 'clientId' }).createIndex('username', 'username');
      }
      if (oldVersion < 2) {
        d.createObjectStore('logs', { keyPath: 'clientId' }).createIndex('username', 'username');
        d.createObjectStore('visits', { keyPath: 'clientId' }).createIndex('username', 'username');
        d.createObjectStore('households', { keyPath: 'username' });
      }
    },
  });
  return opened;
};

/** The login's device key, made on first use: the private half never leaves WebCrypto (extractable: false). */
export async function deviceKey(username: string): Promise<DeviceKey> {
  const have = await (await db()).get('keys', username);
  if (have) return have;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key = { username, privateKey: pair.privateKey, publicJwk, deviceId: null };
  await (await db()).put('keys', key);
  return key;
}

/** The county revoked this key: the next record is signed with a new one, registered at the next sync. */
export async function forgetDeviceKey(username: string) {
  await (await db()).delete('keys', username);
}

export async function saveDeviceId(username: string, deviceId: number) {
  const k = await deviceKey(username);
  await (await db()).put('keys', { ...k, deviceId });
}

/** The string the server verifies (src/modules/cadres/checkins.ts, canonical). */
export const canonical = (c: Checkin) =>
  `fupin-checkin-v1|${c.clientId.toLowerCase()}|${c.deviceTime}|${String(c.lat)}|${String(c.lon)}|${String(c.accuracy)}`;

async function sign(username: string, text: string) {
  const k = await deviceKey(username);
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, k.privateKey, new TextEncoder().encode(text));
  let bin = '';
  for (const b of new Uint8Array(sig)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export async function signAndQueue(username: string, c: Checkin): Promise<Queued> {
  const q = { ...c, username, signature: await sign(username, canonical(c)) };
  await (await db()).put('queue', q);
  return q;
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

/** The string the server verifies for a log (src/modules/cadres/fieldlog.ts, logCanonical): the text last. */
export const logCanonical = (clientId: string, logDate: string, hashes: string[], text: string) =>
  `fupin-log-v1|${clientId.toLowerCase()}|${logDate}|${hashes.join(',')}|${text}`;

/** Signs a day's log over its text and its photos' SHA-256 and queues it with the photos themselves. */
export async function signAndQueueLog(username: string, l: { logDate: string; text: string; photos: File[] }): Promise<QueuedLog> {
  const clientId = crypto.randomUUID();
  const photos: QueuedPhoto[] = [];
  for (const f of l.photos) {
    const sha256 = hex(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
    photos.push({ blob: new Blob([f], { type: f.type }), name: f.name, sha256 });
  }
  const text = l.text.trim();
  const signature = await sign(
    username,
    logCanonical(
      clientId,
      l.logDate,
      photos.map((p) => p.sha256),
      text,
    ),
  );
  const q: QueuedLog = { clientId, username, logDate: l.logDate, text, photos, signature, queuedAt: new Date().toISOString() };
  await (await db()).put('logs', q);
  return q;
}

export async function queuedLogs(username: string) {
  return (await (await db()).getAllFromIndex('logs', 'username', username)).sort((a, b) => a.logDate.localeCompare(b.logDate));
}

export async function dequeueLog(clientId: string) {
  await (await db()).delete('logs', clientId);
}

export async function queueVisit(v: Omit<QueuedVisit, 'clientId'>): Promise<QueuedVisit> {
  const q = { ...v, clientId: crypto.randomUUID() };
  await (await db()).put('visits', q);
  return q;
}

export async function queuedVisits(username: string) {
  return (await (await db()).getAllFromIndex('visits', 'username', username)).sort((a, b) => a.visitDate.localeCompare(b.visitDate));
}

export async function dequeueVisits(clientIds: string[]) {
  const tx = (await db()).transaction('visits', 'readwrite');
  await Promise.all([...clientIds.map((id) => tx.store.delete(id)), tx.done]);
}

/** The village's households as last fetched: names and numbers only, for picking a household offline. */
export async function cachedHouseholds(username: string) {
  return (await db()).get('households', username);
}

export async function saveHouseholds(username: string, villageCode: string, items: HouseholdPick[]) {
  await (await db()).put('households', { username, villageCode, items, savedAt: new Date().toISOString() });
}

export async function queued(username: string): Promise<Queued[]> {
  const rows = await (await db()).getAllFromIndex('queue', 'username', username);
  return rows.sort((a, b) => a.deviceTime.localeCompare(b.deviceTime));
}

export async function dequeue(clientIds: string[]) {
  const tx = (await db()).transaction('queue', 'readwrite');
  await Promise.all([...clientIds.map((id) => tx.store.delete(id)), tx.done]);
}
