import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditFieldTable } from '../modules/audit/fields.ts';
import type { EntityRegistry } from './access.ts';
import { AppError } from './errors.ts';

export type RouteApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

/** What a domain module hands the server: its routes, and how to find the region of each record it owns. */
export interface FupinModule {
  name: string;
  routes: (app: FastifyInstance) => Promise<void>;
  /** Pages served outside /api (no prefix): a public page rendered by the server, e.g. a village's disclosures. */
  pages?: (app: FastifyInstance) => Promise<void>;
  entities?: (registry: EntityRegistry) => void;
  /** How the audit rows of each entity it records read: field labels and value labels (audit/fields.ts). */
  auditFields?: Record<string, AuditFieldTable>;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The signed-in user as the audit trail names them, with their role for permission checks. */
export function requestActor(req: FastifyRequest): { id: number; username: string; role: string; ip: string } {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 401);
  return { id: req.user.id, username: req.user.username, role: req.user.role, ip: req.ip };
}
