import { readFileSync } from 'node:fs';
import type { OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_COMMAND, API_TYPES_FILE, describeApi, renderApiTypes } from '../../scripts/api-types.ts';
import type { RouteInfo } from '../../src/server/plugins/access.ts';

/**
 * /api/docs is the API's reference and the web's types are generated from it: every route must document itself,
 * and the checked-in types must be what the server's schemas generate now.
 */
describe('the API description', () => {
  let document: OpenAPI3;
  let routes: RouteInfo[];

  beforeAll(async () => {
    ({ document, routes } = await describeApi());
  });

  it('gives every route a summary and a response schema for its success', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const route of api) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = (document.paths?.[path] as Record<string, { summary?: string; responses?: Record<string, { content?: object }> }>)?.[
        route.method.toLowerCase()
      ];
      const name = `${route.method} ${route.url}`;
      if (!op) {
        missing.push(`${name}: not in the document`);
        continue;
      }
      if (!op.summary?.trim()) missing.push(`${name}: no summary`);
      const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      if (!success.some(([code, r]) => code === '204' || (r.content && Object.keys(r.content).length > 0))) {
        missing.push(`${name}: no response schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the shapes the web uses as components', () => {
    const schemas = Object.keys(document.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['HouseholdItem', 'HouseholdDetail', 'Me', 'User', 'RegionWithPath', 'Dashboard']));
    // Input variants are kept only where a request takes them.
    expect(schemas.filter((s) => s.endsWith('Input') && !JSON.stringify(document.paths).includes(`schemas/${s}"`))).toEqual([]);
  });

  it(`has web types up to date with the server (else run \`${API_TYPES_COMMAND}\`)`, async () => {
    const generated = await renderApiTypes(document);
    const current = readFileSync(API_TYPES_FILE, 'utf8');
    expect(current === generated, `${API_TYPES_FILE} is out of date with the server's routes: run \`${API_TYPES_COMMAND}\``).toBe(true);
  });
});
