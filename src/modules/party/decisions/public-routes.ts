import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type FupinModule, typed } from '../../../server/module.ts';
import { villageBoard } from '../../exit/public/board.ts';
import { cachedBoard } from '../../exit/public/cache.ts';
import { boardPage, pageWithToken } from '../../exit/public/page.ts';
import { publicDisclosures } from './public-data.ts';
import { notFoundPage, posterPage } from './public-page.ts';
import { PublicDisclosureList } from './public-schema.ts';
import { publicLimiter } from './rate-limit.ts';

const CodeParam = z.strictObject({ code: z.string().max(20) });
const pagePath = (code: string) => `/public/villages/${code}`;
/** The pages are read by villagers: Chinese unless asked otherwise (?lang=en, or the app's language cookie). */
const pageLang = (req: FastifyRequest): Lang => {
  const asked = (req.query as { lang?: string } | undefined)?.lang;
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return req.cookies?.fupin_lang === 'en' ? 'en' : 'zh-CN';
};

/**
 * A village's disclosures for anyone, without login (docs/decisions/0020-party-decisions.md): the API, the page the
 * server renders (no script, no admin bundle), the QR code (SVG, PNG) and a poster page to print and post. All are
 * rate-limited per client; an unknown or non-village code answers 404.
 */
export const partyPublicModule: FupinModule = {
  name: 'party-public',
  async routes(app) {
    const { db } = app.deps.database;
    const limit = publicLimiter();
    typed(app).get(
      '/public/villages/:code/disclosures',
      {
        config: { access: { kind: 'public' } },
        onRequest: limit,
        schema: {
          tags: ['party'],
          summary: "A village's disclosed decisions and results (public, no login, rate-limited)",
          description:
            'Names masked per the setting party.public_full_names; no ID numbers or phones. 404 for an unknown or non-village code; 429 PUBLIC_RATE_LIMIT.',
          params: CodeParam,
          response: { 200: PublicDisclosureList },
        },
      },
      async (req) => publicDisclosures(db, req.params.code, req.lang),
    );
  },
  async pages(app) {
    const { db } = app.deps.database;
    const limit = publicLimiter();
    const r = typed(app);
    const load = async (code: string, lang: 'zh-CN' | 'en') => {
      try {
        return await publicDisclosures(db, code, lang);
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return null;
        throw e;
      }
    };
    const urlOf = (req: { protocol: string; host: string }, code: string) => `${req.protocol}://${req.host}${pagePath(code)}`;
    const hide = { hide: true, params: CodeParam };

    r.get('/public/villages/:code', { onRequest: limit, schema: hide }, async (req, reply) => {
      const lang = pageLang(req);
      const code = req.params.code;
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      // The village's public board: the exit module's sections (notices) first, the complaint form last. Kept per
      // village and language until anything on it is written (exit/public/cache.ts); the visitor's form token goes in.
      let page: [string, string];
      try {
        page = await cachedBoard(db, `page|${code}|${lang}`, async () =>
          boardPage(await villageBoard(db, code, lang), lang, `${pagePath(code)}/qr`),
        );
      } catch (e) {
        if (e instanceof AppError && e.status === 404) return reply.code(404).send(notFoundPage(lang));
        throw e;
      }
      return pageWithToken(page, req.cookies?.fupin_csrf ?? '');
    });
    r.get('/public/villages/:code/qr', { onRequest: limit, schema: hide }, async (req, reply) => {
      const data = await load(req.params.code, pageLang(req));
      reply.type('text/html; charset=utf-8');
      if (!data) return reply.code(404).send(notFoundPage(pageLang(req)));
      return posterPage(data.village, pageLang(req), urlOf(req, data.village.code), `${pagePath(data.village.code)}/qr.svg`);
    });
    r.get('/public/villages/:code/qr.svg', { onRequest: limit, schema: hide }, async (req, reply) => {
      const data = await load(req.params.code, pageLang(req));
      if (!data) return reply.code(404).type('text/plain').send('404');
      const svg = await QRCode.toString(urlOf(req, data.village.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
    });
    r.get('/public/villages/:code/qr.png', { onRequest: limit, schema: hide }, async (req, reply) => {
      const data = await load(req.params.code, pageLang(req));
      if (!data) return reply.code(404).type('text/plain').send('404');
      const png = await QRCode.toBuffer(urlOf(req, data.village.code), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
      return reply
        .type('image/png')
        .header('cache-control', 'public, max-age=3600')
        .header('content-disposition', `inline; filename="${data.village.code}-qr.png"`)
        .send(png);
    });
  },
};
