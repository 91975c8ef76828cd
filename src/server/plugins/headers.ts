import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';

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
 * Security headers on every response, errors and the 404 page included. HSTS only when cookies are Secure
 * (FUPIN_SECURE_COOKIES=1, i.e. served over HTTPS): sent over plain HTTP it would lock browsers out.
 * API answers are never cached: many carry personal data.
 */
export const headersPlugin = fp(async (app) => {
  const secure = app.deps.secureCookies ?? false;
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(secure) },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
});
