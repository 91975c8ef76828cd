import type { Tx } from '../db/types.ts';
import type { Permission } from '../modules/auth/roles.ts';

/**
 * Every route declares how it is reached. The server enforces it in one place (plugins/access.ts)
 * and the scope test suite walks every route by this declaration, so a new route is covered the moment
 * it is registered — and a route without a declaration refuses to register.
 *
 * - public: no login (health, login, csrf).
 * - self: the logged-in user's own session and account.
 * - record: `param` names a record of `entity`; out-of-scope or missing answers 404 before the handler runs.
 * - collection: lists, counts, searches, exports and creations. `region` names where the target region code
 *   comes from (query or body); missing means the user's own scope; outside the scope answers 404.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'record'; entity: string; param: string; permission: Permission }
  | {
      kind: 'collection';
      entity: string;
      permission: Permission;
      region?: { in: 'query' | 'body'; field: string };
    };

/** Finds the region code a record belongs to, or null when there is no such record. */
export type Locator = (db: Tx, id: string) => Promise<string | null>;

export class EntityRegistry {
  private readonly locators = new Map<string, Locator>();

  register(entity: string, locate: Locator) {
    if (this.locators.has(entity)) throw new Error(`entity ${entity} registered twice`);
    this.locators.set(entity, locate);
  }

  get(entity: string): Locator {
    const l = this.locators.get(entity);
    if (!l) throw new Error(`no locator registered for entity ${entity}`);
    return l;
  }

  names(): string[] {
    return [...this.locators.keys()];
  }
}
