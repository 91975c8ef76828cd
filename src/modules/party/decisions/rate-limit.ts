import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../server/errors.ts';

/**
 * A fixed-window count per client address for the pages anyone may open without login (a village's disclosures and
 * its QR code): enough for people scanning a poster, not for a crawler walking every village code. In memory: each
 * server process counts its own clients.
 */
export function publicLimiter(max = 60, windowMs = 60_000) {
  // A load test from one address (bench/public-village.ts) raises the count; production leaves it unset.
  const factor = Number(process.env.FUPIN_PUBLIC_RATE_FACTOR ?? 1) || 1;
  max *= factor;
  const seen = new Map<string, { start: number; n: number }>();
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    if (seen.size > 10_000) for (const [k, v] of seen) if (now - v.start >= windowMs) seen.delete(k);
    const w = seen.get(req.ip);
    if (!w || now - w.start >= windowMs) {
      seen.set(req.ip, { start: now, n: 1 });
      return;
    }
    w.n += 1;
    if (w.n > max) {
      reply.header('retry-after', String(Math.ceil((w.start + windowMs - now) / 1000)));
      throw new AppError('PUBLIC_RATE_LIMIT', 429);
    }
  };
}
