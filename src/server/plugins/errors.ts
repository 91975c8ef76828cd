import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { type Lang, type MessageCode, pickLang, t } from '../i18n.ts';
import { localiseIssues } from '../validation-messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

/** One error shape for everything: `{ error: { code, message, details } }`, in the user's language. */
export const errorPlugin = fp(async (app) => {
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.cookies?.fupin_lang, req.headers['accept-language']);
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = req.lang ?? 'zh-CN';
    // A download that failed before its first byte may have set its file headers already: the error is JSON, not
    // a file named like the download.
    for (const h of ['content-disposition', 'content-type', 'content-length', 'content-encoding']) reply.removeHeader(h);
    const send = (status: number, code: MessageCode, params: Record<string, unknown> = {}, details: unknown = null) =>
      reply.status(status).send({ error: { code, message: t(lang, code, params), details } });

    if (err instanceof AppError) return send(err.status, err.code, err.params, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext;
      const input = where === 'body' ? req.body : where === 'params' ? req.params : where === 'headers' ? req.headers : req.query;
      const issues = localiseIssues(err.validation as never, lang, input);
      const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return send(400, 'VALIDATION_FAILED', { summary }, issues);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      return send(500, 'INTERNAL');
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    switch (e.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'MALFORMED_JSON', {}, { reason: e.message ?? '' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'UNSUPPORTED_MEDIA_TYPE', { type: req.headers['content-type'] ?? '' });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'PAYLOAD_TOO_LARGE');
    }
    if (err instanceof SyntaxError && e.statusCode === 400) return send(400, 'MALFORMED_JSON', {}, { reason: err.message });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return send(e.statusCode, 'VALIDATION_FAILED', { summary: e.message ?? '' });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'INTERNAL');
  });

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    // Anything outside /api is a page of the single-page web app.
    // …but a missing file (a stale /assets/x.js) is a 404, not the page.
    const isFile = /\.[a-z0-9]{1,8}$/i.test(url);
    if (!url.startsWith('/api') && !isFile && (req.method === 'GET' || req.method === 'HEAD') && app.hasDecorator('webIndex')) {
      // The field app (/field/, decision 0014) is a page app of its own with its own shell.
      const field = url === '/field' || url.startsWith('/field/');
      return reply.type('text/html').sendFile(field ? 'field/index.html' : 'index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'ROUTE_NOT_FOUND', message: t(req.lang, 'ROUTE_NOT_FOUND', { method: req.method, url }), details: null } });
  });
});
