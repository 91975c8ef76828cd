// The API's shapes, from the types generated out of the server's OpenAPI document (generated/openapi.ts, made by
// `npm run api:types`). Nothing here restates a shape: a server change shows up as a type error in the web.
import type { components, paths } from './generated/openapi';

/** The shapes the server names (components of /api/docs). */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;

/** The JSON a route answers with on success. */
export type Ok<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : null;

/** The query parameters a route takes. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** A paged list's query: the cursor is the `nextCursor` text of the page before (or null for the first page). */
export type Paged<Q> = Omit<Q, 'cursor'> & { cursor?: string | null };
