import type { Readable } from 'node:stream';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * What /api/docs says about the API as a whole (Swagger UI renders it as Markdown). Each route documents itself
 * with `summary`, `description` and a response schema; tests/integration/openapi.test.ts fails a route without
 * them, and web/src/api/generated/openapi.ts is generated from the document (`npm run api:types`).
 */
export const API_DESCRIPTION = `扶贫 · 抓党建促脱贫攻坚 — the HTTP API of Fupin. Every route is under \`/api\`; bodies are JSON unless the
route says it sends a file.

**Errors** always have one shape: \`{ "error": { "code": "SOME_CODE", "message": "…", "details": … } }\`, the message
in the user's language. \`400 VALIDATION_FAILED\` lists \`details: [{ path, code?, message }]\` (paths such as
\`members.1.idNumber\`); \`401 UNAUTHENTICATED\` or \`SESSION_EXPIRED\` without a session; \`403 FORBIDDEN\` when the role
lacks the permission; \`403 PASSWORD_CHANGE_REQUIRED\` for every call but \`auth/*\` while the user must change the
password; \`404 NOT_FOUND\` for a missing record **and for one outside the user's region** (the two are not told apart).

**Language**: send \`Accept-Language: zh-CN\` (the default) or \`en\`; the cookie \`fupin_lang\` is read too. Messages,
labels and file names come back in that language.

**Session and CSRF**: the session is the HttpOnly cookie \`fupin_session\` (set by \`POST /api/auth/login\`). Every
POST, PUT, PATCH and DELETE sends the header \`x-csrf-token\` equal to the cookie \`fupin_csrf\` (set on any response
when missing, and answered by \`GET /api/auth/csrf\`); the token changes at login and logout.

**Scope**: a user sees and changes only their region and the regions below it; a \`region\` query parameter outside
it answers 404. Region codes have 2, 4, 6, 9 or 12 digits (province, city, county, township, village).

**Roles**: \`province_admin\`, \`city_operator\`, \`county_operator\`, \`township_operator\`, \`village_user\`,
\`resident_cadre\`, \`unit_user\`, \`leader\` (read only). **Permissions**: \`data.read\`, \`data.write\`, \`users.manage\`, \`audit.read\`,
\`security.read\`, \`pii.unmask\`. Personal ID numbers are masked unless a route says otherwise; unmasking is audited.`;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The 200 response of a route that sends a file (a download), for the document: the content types it may send.
 * Fastify does not serialise a stream or a buffer, so the schema only documents.
 */
export function fileResponse(description: string, types: readonly string[] = [XLSX]) {
  const file = z.custom<string | Buffer | Readable>().meta({ type: 'string', format: 'binary' });
  return { 200: { description, content: Object.fromEntries(types.map((t) => [t, { schema: file }])) } };
}

/**
 * Names shapes for the document, by their variable names: `nameSchemas({ HouseholdItem })`. A named shape is a
 * component of /api/docs and a named type of the web's generated types, instead of a copy inlined in each route.
 */
export function nameSchemas(schemas: Record<string, z.ZodType>): void {
  for (const [id, schema] of Object.entries(schemas)) z.globalRegistry.add(schema, { id });
}

/**
 * The document's components, less the input variants of named shapes that no request takes (the zod provider
 * emits `XInput` beside every named `X`, which would double the reference and the generated types).
 */
export const transformDocument: typeof jsonSchemaTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return doc as ReturnType<typeof jsonSchemaTransformObject>;
  const outputs = Object.entries(schemas).filter(([id]) => !id.endsWith('Input'));
  const used = JSON.stringify([{ ...doc, components: undefined }, outputs]);
  const kept = Object.entries(schemas).filter(([id]) => !id.endsWith('Input') || used.includes(`"#/components/schemas/${id}"`));
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(kept) } } as ReturnType<typeof jsonSchemaTransformObject>;
};
