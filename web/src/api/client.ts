// Fetch wrapper for the Fupin API: JSON in and out, same-origin cookies, CSRF header on writes,
// Accept-Language on every call, and one error type.
import { currentLang, tNow } from '../i18n';

export interface ValidationIssue {
  path: (string | number)[] | string;
  code?: string;
  message?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * Field errors from `details: [{ path, message? }]` (VALIDATION_FAILED and rule errors such as
   * ROLE_SCOPE_MISMATCH) as `{ fieldName: message }`; an issue without its own message takes the error's.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details as Partial<ValidationIssue>[]) {
      if (!d || d.path === undefined || d.path === null) continue;
      const p = Array.isArray(d.path) ? d.path.join('.') : String(d.path);
      if (p && !(p in out)) out[p] = d.message || this.message;
    }
    return out;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** A message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return tNow('common.unknownError');
}

type Handler = (error: ApiError) => void;
const handlers: { unauthenticated?: Handler; passwordChangeRequired?: Handler } = {};

/** The app registers navigation here: 401 → login, PASSWORD_CHANGE_REQUIRED → change password. */
export function setApiHandlers(h: typeof handlers): void {
  Object.assign(handlers, h);
}

const CSRF_COOKIE = 'fupin_csrf';
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

let csrfFetch: Promise<string> | null = null;

async function csrfToken(force = false): Promise<string> {
  const c = force ? null : readCookie(CSRF_COOKIE);
  if (c) return c;
  csrfFetch ??= request<{ csrfToken: string }>('GET', '/api/auth/csrf', undefined, { noRedirect: true })
    .then((r) => readCookie(CSRF_COOKIE) ?? r.csrfToken)
    .finally(() => {
      csrfFetch = null;
    });
  return csrfFetch;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
  /** Do not redirect on 401 / PASSWORD_CHANGE_REQUIRED (boot-time `me`, login). */
  noRedirect?: boolean;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body: unknown, opts: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITE.has(method)) headers['x-csrf-token'] = await csrfToken(retried);

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', tNow('common.networkError'));
  }

  const text = await res.text();
  const data = parseJson(text);
  if (res.ok) return data as T;

  const apiError = toApiError(res.status, data);
  // A stale CSRF cookie: fetch a fresh token once and retry.
  if (!retried && WRITE.has(method) && res.status === 403 && /CSRF/i.test(apiError.code)) {
    return request<T>(method, path, body, opts, true);
  }
  throw redirectOn(apiError, opts);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    status,
    err?.code ?? `HTTP_${status}`,
    err?.message || `${tNow('common.unknownError')} (HTTP ${status})`,
    err?.details ?? null,
  );
}

/** 401 → login, PASSWORD_CHANGE_REQUIRED → change password (unless opted out); answers the error to throw. */
function redirectOn(apiError: ApiError, opts: RequestOptions): ApiError {
  if (!opts.noRedirect) {
    if (apiError.status === 401) handlers.unauthenticated?.(apiError);
    else if (apiError.code === 'PASSWORD_CHANGE_REQUIRED') handlers.passwordChangeRequired?.(apiError);
  }
  return apiError;
}

/** The file name of a download from Content-Disposition (RFC 5987 `filename*` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/**
 * GET a file with the session and the UI language (the server localises reports), and save it under the
 * server's file name. API errors come back as ApiError, as for JSON calls.
 */
async function download(path: string, opts: RequestOptions & { fallbackName?: string } = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      headers: { 'Accept-Language': currentLang() },
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', tNow('common.networkError'));
  }
  if (!res.ok) throw redirectOn(toApiError(res.status, parseJson(await res.text())), opts);
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch (e) {
    // The server aborts the connection when a file fails part-way: nothing is saved, and the user is told.
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'DOWNLOAD_FAILED', tNow('common.downloadFailed'));
  }
  const name = fileNameOf(res, opts.fallbackName ?? 'download');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * POST one file as multipart/form-data (field `file`) with upload progress (0–1), CSRF header and language.
 * XMLHttpRequest, because fetch cannot report upload progress.
 */
async function upload<T>(
  path: string,
  file: Blob & { name?: string },
  opts: RequestOptions & { onProgress?: (fraction: number) => void } = {},
  retried = false,
): Promise<T> {
  const token = await csrfToken(retried);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLang());
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', tNow('common.networkError')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name ?? 'upload');
    xhr.send(form);
  });
  const data = parseJson(text);
  if (status >= 200 && status < 300) return data as T;
  const apiError = toApiError(status, data);
  if (!retried && status === 403 && /CSRF/i.test(apiError.code)) return upload<T>(path, file, opts, true);
  throw redirectOn(apiError, opts);
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body ?? {}, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
  download,
  upload,
};
