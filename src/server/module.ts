import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EntityRegistry } from './access.ts';

export type RouteApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

/** What a domain module hands the server: its routes, and how to find the region of each record it owns. */
export interface FupinModule {
  name: string;
  routes: (app: FastifyInstance) => Promise<void>;
  entities?: (registry: EntityRegistry) => void;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
