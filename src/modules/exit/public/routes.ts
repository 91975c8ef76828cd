import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type FupinModule, typed } from '../../../server/module.ts';
import { publicLimiter } from '../../party/decisions/rate-limit.ts';
import { ComplaintInput, ComplaintReceipt, ComplaintStatus } from '../complaints/schema.ts';
import { complaintStatus, submitComplaint } from '../complaints/service.ts';
import { villageBoardJson } from './board.ts';
import { startBoardCache } from './cache.ts';
import { problemPage, receivedPage, statusPage } from './page.ts';
import { PublicBoard } from './schema.ts';

const sendJson = (reply: FastifyReply, json: string) => reply.type('application/json; charset=utf-8').send(json);
const CodeParam = z.strictObject({ code: z.string().max(20) });
const RefParam = z.strictObject({ reference: z.string().max(40) });
const pageLang = (req: FastifyRequest): Lang => {
  const asked = (req.query as { lang?: string } | undefined)?.lang;
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return req.cookies?.fupin_lang === 'en' ? 'en' : 'zh-CN';
};
/**
 * Complaints: a few per client and ten minutes (a villager writes one; a script is stopped), counted together for the
 * API and the HTML form, one count per server.
 */
const complaintLimits = new WeakMap<object, ReturnType<typeof publicLimiter>>();
const complaintLimiter = (app: FastifyInstance) => {
  let l = complaintLimits.get(app.deps);
  if (!l) {
    l = publicLimiter(5, 10 * 60_000);
    complaintLimits.set(app.deps, l);
  }
  return l;
};

/**
 * The village's public board for anyone, without login: the API of the whole board, the complaint / objection form
 * (API and a plain HTML form for phones without script) and the lookup of a complaint by its reference. Every route
 * is rate-limited per client; unknown codes answer 404; nothing of the logged-in API is reachable from here.
 */
export const exitPublicModule: FupinModule = {
  name: 'exit-public',
  async routes(app) {
    const { db } = app.deps.database;
    // The boards (API and page) are kept in memory until a write to what they show is committed anywhere.
    app.addHook(
      'onClose',
      startBoardCache(db, (msg) => app.log.warn(msg)),
    );
    const r = typed(app);
    const limit = publicLimiter();
    const tags = ['exit'];
    r.get(
      '/public/villages/:code',
      {
        config: { access: { kind: 'public' } },
        onRequest: limit,
        schema: {
          tags,
          summary: "A village's public board (no login): households in exit notice, other notices, disclosed decisions",
          description:
            'Names as the setting exit.public_full_names says; no ID number, phone, bank account or health. 404 for anything but a village.',
          params: CodeParam,
          response: { 200: PublicBoard },
        },
      },
      // JSON text checked against PublicBoard when it was built (board.ts), sent as it is.
      async (req, reply) => sendJson(reply, await villageBoardJson(db, req.params.code, req.lang)),
    );
    r.post(
      '/public/villages/:code/complaints',
      {
        config: { access: { kind: 'public' } },
        onRequest: complaintLimiter(app),
        schema: {
          tags,
          summary: 'Send a complaint or an objection from the public board (no login, rate-limited); answers only a reference',
          params: CodeParam,
          body: ComplaintInput,
          response: { 200: ComplaintReceipt },
        },
      },
      async (req) => submitComplaint(db, req.params.code, req.body, req.ip),
    );
    r.get(
      '/public/complaints/:reference',
      {
        config: { access: { kind: 'public' } },
        onRequest: limit,
        schema: {
          tags,
          summary: "A complaint's state by its reference (no content echoed)",
          params: RefParam,
          response: { 200: ComplaintStatus },
        },
      },
      async (req) => complaintStatus(db, req.params.reference, req.lang),
    );
  },
  async pages(app) {
    await app.register(formPages);
  },
};

/** The form's POST and the lookup page, in their own scope (the form body parser stays here). */
async function formPages(app: FastifyInstance) {
  const { db } = app.deps.database;
  const limit = publicLimiter();
  const complaints = complaintLimiter(app);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const hide = { hide: true };
  app.post('/public/villages/:code/complaints', { onRequest: complaints, schema: hide }, async (req, reply) => {
    const lang = pageLang(req);
    const code = String((req.params as { code?: string }).code ?? '').slice(0, 20);
    const back = `/public/villages/${encodeURIComponent(code)}#complaint`;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const form = (req.body ?? {}) as Record<string, string>;
    // The page's own token (the SameSite=Strict cookie, written into the form): another site cannot post for a villager.
    if (!form.token || form.token !== req.cookies?.fupin_csrf) {
      return reply
        .code(403)
        .send(problemPage(lang, [lang === 'en' ? 'The form expired; open the page again.' : '表单已过期，请重新打开页面。'], back));
    }
    const parsed = ComplaintInput.safeParse({
      kind: form.kind,
      noticeId: form.noticeId || undefined,
      content: form.content ?? '',
      contact: form.contact || undefined,
    });
    if (!parsed.success) {
      const i = lang === 'en' ? 1 : 0;
      const problems = parsed.error.issues.map((x) =>
        x.message.includes('|') ? (x.message.split('|')[i] ?? x.message) : lang === 'en' ? 'Please check the form' : '请检查填写内容',
      );
      return reply.code(400).send(problemPage(lang, problems, back));
    }
    try {
      const { reference } = await submitComplaint(db, code, parsed.data, req.ip);
      return receivedPage(lang, reference, back);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return reply.code(404).send(statusPage(lang, null));
      throw e;
    }
  });
  app.get('/public/complaints', { onRequest: limit, schema: hide }, async (req, reply) => {
    const lang = pageLang(req);
    const ref = String((req.query as { ref?: string }).ref ?? '')
      .trim()
      .toUpperCase()
      .slice(0, 40);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    try {
      return statusPage(lang, await complaintStatus(db, ref, lang));
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return reply.code(404).send(statusPage(lang, null));
      throw e;
    }
  });
}
