import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { errorPlugin } from './errors.ts';

describe('error plugin', () => {
  it('answers a download that failed before its first byte as JSON, without the file headers it had set', async () => {
    const app = Fastify();
    await app.register(errorPlugin);
    app.get('/download', async (_req, reply) => {
      reply.header('content-disposition', 'attachment; filename="register.xlsx"');
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      throw new AppError('NOT_FOUND', 404);
    });
    const res = await app.inject({ method: 'GET', url: '/download', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found, or outside your scope', details: null } });
    await app.close();
  });
});
