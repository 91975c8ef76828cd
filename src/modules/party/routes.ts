import type { FupinModule } from '../../server/module.ts';
import { locateImport } from '../registry/queries.ts';
import { partyAuditFields } from './audit-fields.ts';
import { interchangeRoutes } from './interchange/routes.ts';
import * as mq from './members/queries.ts';
import { memberRoutes } from './members/routes.ts';
import * as oq from './orgs/queries.ts';
import { orgRoutes } from './orgs/routes.ts';

/**
 * Village party organisations (村党组织, issue 12): organisations and secretaries, members and their pairings, the
 * spreadsheets of both. The module's other parts (ledger, screening, decisions, funds, commitments, reserve) add
 * their routes here.
 */
export const partyModule: FupinModule = {
  name: 'party',
  auditFields: partyAuditFields,
  entities(registry) {
    registry.register('party_org', oq.locateOrg);
    registry.register('party_member', mq.locateMember);
    registry.register('party_pairing', mq.locatePairing);
    registry.register('party_org_import', (tx, id) => locateImport(tx, id, 'party_orgs'));
    registry.register('party_member_import', (tx, id) => locateImport(tx, id, 'party_members'));
  },
  async routes(app) {
    orgRoutes(app);
    memberRoutes(app);
    interchangeRoutes(app);
  },
};
