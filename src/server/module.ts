import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EntityRegistry } from './access.ts';
import { AppError } from './errors.ts';

export type RouteApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

/** What a domain module hands the server: its routes, and how to find the region of each record it owns. */
export interface FupinModule {
  name: string;
  routes: (app: FastifyInstance) => Promise<void>;
  entities?: (registry: EntityRegistry) => void;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The signed-in user as the audit trail names them, with their role for permission checks. */
export function requestActor(req: FastifyRequest): { id: number; username: string; role: string; ip: string } {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 401);
  return { id: req.user.id, username: req.user.username, role: req.user.role, ip: req.ip };
}
