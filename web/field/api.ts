// Same-origin JSON calls with the session cookie and the double-submit CSRF header, as the main app makes them.
import type { Lang } from './i18n';

export class FieldError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

async function csrf(): Promise<string> {
  const have = cookie('fupin_csrf');
  if (have) return have;
  const r = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const body = (await r.json().catch(() => ({}))) as { csrfToken?: string };
  return cookie('fupin_csrf') ?? body.csrfToken ?? '';
}

export async function call<T>(lang: Lang, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  const form = body instanceof FormData;
  // A FormData body sets its own multipart content type with the boundary.
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method === 'POST') headers['x-csrf-token'] = await csrf();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new FieldError(0, 'NETWORK_ERROR', 'network');
  }
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new FieldError(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? String(res.status));
  return data as T;
}

export interface Checkin {
  clientId: string;
  deviceTime: string;
  lat: number;
  lon: number;
  accuracy: number;
}

export interface FieldMe {
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  posting: { id: number; name: string; villageName: string; townshipName: string | null; state: string } | null;
  today: Checkin[];
  lateDays: number;
}

export interface Result {
  clientId: string;
  status: 'accepted' | 'duplicate' | 'refused';
  reasonCode: string | null;
  reason: string | null;
}

export interface HouseholdPick {
  id: number;
  householdNo: string;
  headName: string | null;
  headPinyin?: string | null;
  headInitials?: string | null;
}

export interface LogView {
  id: number;
  clientId: string;
  logDate: string;
  text: string;
  photos: { seq: number; url: string }[];
}

export interface VisitView {
  id: number;
  clientId: string;
  householdId: number;
  householdNo: string;
  headName: string | null;
  visitDate: string;
  note: string;
}

export interface FieldRecords {
  month: string;
  logs: LogView[];
  visits: VisitView[];
}

export interface LeaveView {
  id: number;
  kind: 'personal' | 'sick' | 'official';
  kindLabel: string;
  startDate: string;
  endDate: string;
  days: number;
  reason: string;
  state: string;
  stateLabel: string;
}

/**
 * Today in the village (Asia/Shanghai, UTC+8, no daylight saving), whatever the phone's zone: at 07:00 in the village
 * UTC's day is still yesterday. The server takes a written day up to UTC's tomorrow, so this day is always accepted.
 */
export const villageDay = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
