/**
 * The web's API types, generated from the server's OpenAPI document (the one /api/docs shows):
 *   npm run api:types          writes web/src/api/generated/openapi.ts
 *   npm run api:types -- --check   fails when the checked-in file differs (CI runs the same check as a test)
 * The app is built in-process on an empty in-memory database; no server runs and nothing is listened on.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { openMemoryDatabase } from '../src/db/connection.ts';
import { parseKey } from '../src/modules/pii/crypto.ts';
import { buildApp } from '../src/server/app.ts';
import type { RouteInfo } from '../src/server/plugins/access.ts';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/generated/openapi.ts', import.meta.url));
export const API_TYPES_COMMAND = 'npm run api:types';

const HEADER = `/**
 * Generated from the server's OpenAPI document by \`${API_TYPES_COMMAND}\` (scripts/api-types.ts). Do not edit:
 * change the route's zod schemas on the server and run the command again.
 */

`;

/** The document as /api/docs/json serves it, and the routes the app registered (for the test that walks them). */
export async function describeApi(): Promise<{ document: OpenAPI3; routes: RouteInfo[] }> {
  const database = await openMemoryDatabase();
  try {
    const app = await buildApp({ database, keys: parseKey(randomBytes(64).toString('base64')), webDir: '/nonexistent' });
    try {
      await app.ready();
      return { document: app.swagger() as unknown as OpenAPI3, routes: app.routeTable };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** The text of web/src/api/generated/openapi.ts for the server as it is now. */
export async function renderApiTypes(document?: OpenAPI3): Promise<string> {
  const doc = structuredClone(document ?? (await describeApi()).document);
  // The version changes with every release and says nothing about the shapes.
  doc.info = { ...doc.info, version: '' };
  const body = await openapiTS(doc, { commentHeader: HEADER, alphabetize: true, silent: true });
  // Exported, so that the web's noUnusedLocals accepts the helpers a document without oneOf leaves unused.
  return body.replace(/[ \t]+$/gm, '').replace(/^type (Without|XOR|OneOf)</gm, 'export type $1<');
}

async function main(): Promise<void> {
  const text = await renderApiTypes();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {}
    if (current !== text) {
      process.stderr.write(`${API_TYPES_FILE} is out of date with the server's routes: run \`${API_TYPES_COMMAND}\`\n`);
      process.exit(1);
    }
    process.stdout.write('API types are up to date\n');
    return;
  }
  writeFileSync(API_TYPES_FILE, text);
  process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
