import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * The village's public disclosure routes on both engines, without login: unknown and non-village codes answer 404
 * (the API and the page alike), the QR code (SVG, PNG, poster page) is there, and the routes are rate-limited per
 * client. What the page shows against the database is in party-decisions.test.ts.
 */
const VILLAGE = '211381109201';

describe.each(engines())('public disclosure routes on %s', (engine) => {
  let t: TestApp;
  let county: Client;

  beforeAll(async () => {
    t = await openTestApp(engine);
    county = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  it('unknown and non-village codes answer 404; the QR code is there', async () => {
    const anon = new (county.constructor as new (app: unknown) => Client)(t.app);
    for (const code of ['211381109', '999999999999', 'abc']) {
      expect((await anon.get(`/api/public/villages/${code}/disclosures`)).status).toBe(404);
      expect((await anon.get(`/public/villages/${code}`)).status).toBe(404);
    }
    const svg = await anon.get(`/public/villages/${VILLAGE}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.text).toContain('<svg');
    const png = await t.app.inject({ method: 'GET', url: `/public/villages/${VILLAGE}/qr.png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const poster = await anon.get(`/public/villages/${VILLAGE}/qr`);
    expect(poster.text).toContain('qr.svg');
  });

  it('the public routes are rate-limited per client', async () => {
    let last = 0;
    for (let i = 0; i < 70; i++)
      last = (await t.app.inject({ method: 'GET', url: `/api/public/villages/${VILLAGE}/disclosures`, remoteAddress: '203.0.113.7' }))
        .statusCode;
    expect(last).toBe(429);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/villages/${VILLAGE}/disclosures`, remoteAddress: '203.0.113.8' })).statusCode,
    ).toBe(200);
  });
});
