import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/**
 * Characters no string input may hold: NUL, which PostgreSQL cannot store in text (the query fails, a 500
 * before this check), the other C0 controls except tab, LF and CR (invisible on screen, and not allowed in XML,
 * so one of them in a name would make every xlsx export of that region unreadable), and lone UTF-16 surrogates
 * (not encodable as UTF-8; the driver would silently store U+FFFD instead).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacter(s: string): boolean {
  return FORBIDDEN.test(s);
}

/** The path of the first string (value or key) in `value` holding a forbidden character, or null. */
export function findForbidden(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? at : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], `${at}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN.test(k)) return `${at}.${k.replace(FORBIDDEN, '?')}`;
    const found = findForbidden(v, `${at}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export const controlCharacterError = (field: string) =>
  new AppError('CONTROL_CHARACTER', 400, { field }, [{ path: field, code: 'CONTROL_CHARACTER' }]);

function check(value: unknown, at: string) {
  const found = findForbidden(value, at);
  if (found) throw controlCharacterError(found.replace(/^(query|params|body)\./, ''));
}

interface MultipartLike {
  file?: { resume(): unknown };
  fieldname?: string;
  filename?: string;
  mimetype?: string;
  fields?: Record<string, unknown>;
}

function checkPart(part: MultipartLike | undefined) {
  if (!part) return;
  try {
    checkPartFields(part);
  } catch (e) {
    part.file?.resume(); // drain the refused upload so the request can be answered
    throw e;
  }
}

function checkPartFields(part: MultipartLike) {
  check(part.fieldname, 'fieldname');
  check(part.filename, 'filename');
  check(part.mimetype, 'mimetype');
  for (const [name, field] of Object.entries(part.fields ?? {})) {
    for (const f of Array.isArray(field) ? field : [field]) {
      const { fieldname, value } = (f ?? {}) as { fieldname?: unknown; value?: unknown };
      check(fieldname ?? name, 'fieldname');
      check(value, name);
    }
  }
}

/** Multipart parts are read inside the handler; wrap the reader so each part is checked as it arrives. */
function guardMultipart(req: FastifyRequest) {
  const r = req as unknown as Record<string, unknown>;
  const file = r.file as ((...a: unknown[]) => Promise<MultipartLike | undefined>) | undefined;
  if (typeof file === 'function') {
    r.file = async (...a: unknown[]) => {
      const part = await file.apply(req, a);
      checkPart(part);
      return part;
    };
  }
  for (const name of ['files', 'parts'] as const) {
    const iter = r[name] as ((...a: unknown[]) => AsyncIterable<MultipartLike>) | undefined;
    if (typeof iter !== 'function') continue;
    r[name] = async function* (...a: unknown[]) {
      for await (const part of iter.apply(req, a)) {
        checkPart(part);
        yield part;
      }
    };
  }
}

/**
 * The one place where every string a client sends is checked for characters we cannot store: the URL's query
 * and parameters and the request headers before anything else looks at them (the session lookup, scope
 * checks), the JSON body before validation, multipart field names and values as the handler reads them.
 * Must be registered before the session and access plugins, whose hooks read these inputs.
 */
export const inputPlugin = fp(async (app) => {
  app.addHook('onRequest', async (req) => {
    for (const [name, value] of Object.entries(req.headers)) check(value, `header:${name}`);
    check(req.query, 'query');
    check(req.params, 'params');
  });
  app.addHook('preValidation', async (req) => {
    check(req.body, 'body');
    if (req.isMultipart?.()) guardMultipart(req);
  });
});
