import type { FastifyRequest } from 'fastify';
import { maskText } from '../modules/pii/mask.ts';

export interface LogDestination {
  write(line: string): unknown;
}

export interface LogConfig {
  level: string;
  /** Where lines go (standard output by default); tests pass a collector. */
  stream?: LogDestination;
}

/** Query parameters that carry what someone typed into a search box: a name, a phone, (part of) an ID number. */
const SEARCH_PARAM = /([?&](?:q|search|keyword)=)[^&#]*/gi;

/** The URL as the log keeps it: search text replaced by `***`. */
export function logUrl(url: string): string {
  return url.replace(SEARCH_PARAM, '$1***');
}

/**
 * The server's pino options. Logs never hold an ID number or a phone (ARCHITECTURE: "Logs never contain them"):
 * request URLs are logged with the search text removed, and every line is passed through `maskText` before it is
 * written, which catches what a message or an error (a database error quoting a value) might carry.
 */
export function loggerOptions(config: LogConfig) {
  const out = config.stream ?? process.stdout;
  return {
    level: config.level,
    stream: { write: (line: string) => out.write(maskText(line)) },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: logUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}
