import type { Client, TestApp } from './app.ts';

/** The client's cookies as one header, for requests sent with fastify.inject directly (downloads, uploads). */
export const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Uploads a file to the import endpoint as a browser would (multipart), returning the new batch. */
export const upload = (c: Client, _t: TestApp, file: Buffer | Uint8Array, name: string) => c.upload(Buffer.from(file), name);

/** Waits for a batch's preview to finish and returns the batch. */
export const waitPreview = (c: Client, id: number) => c.waitPreview(id, 300);
