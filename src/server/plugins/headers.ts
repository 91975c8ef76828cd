import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * The Content-Security-Policy the built web app runs under. Scripts come only from our own files (Vite emits no
 * inline script). Styles need 'unsafe-inline': Ant Design's CSS-in-JS inserts <style> elements at run time and
 * React renders `style` attributes, which a nonce cannot cover. ECharts draws on canvas and needs nothing more;
 * downloads are blob: URLs; antd and ECharts use data: images.
 */
export function cspDirectives(secure: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    // Only behind HTTPS: on a plain-HTTP intranet address it would send the browser to a port that is not there.
    ...(secure ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The security headers helmet sets, computed once: helmet builds and checks its whole configuration (the CSP parsed
 * and re-serialised) every time it is constructed, and @fastify/helmet constructed it for every request (an eighth of
 * the public board's CPU under load). Our directives are fixed strings, so the headers are the same for every response.
 */
export function securityHeaders(secure: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(secure) },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, res as unknown as ServerResponse, (e?: unknown) => {
    if (e) throw e;
  });
  return headers;
}

/**
 * Security headers on every response, errors and the 404 page included. HSTS only when cookies are Secure
 * (FUPIN_SECURE_COOKIES=1, i.e. served over HTTPS): sent over plain HTTP it would lock browsers out.
 * API answers are never cached: many carry personal data.
 */
export const headersPlugin = fp(async (app) => {
  const headers = securityHeaders(app.deps.secureCookies ?? false);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
});
