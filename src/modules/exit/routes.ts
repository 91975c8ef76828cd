import type { FupinModule } from '../../server/module.ts';
import * as cq from './complaints/queries.ts';
import { complaintRoutes } from './complaints/routes.ts';
import * as hq from './households/queries.ts';
import { householdExitRoutes } from './households/routes.ts';
import * as vq from './villages/queries.ts';
import { areaExitRoutes } from './villages/routes.ts';

/** Exit (issue 13): household, village and county exit procedures, the complaints from the public village page. */
export const exitModule: FupinModule = {
  name: 'exit',
  entities(registry) {
    registry.register('exit_household', hq.locateExitHousehold);
    registry.register('exit_batch', hq.locateExitBatch);
    registry.register('exit_complaint', cq.locateComplaint);
    registry.register('exit_village', vq.locateVillageExit);
    registry.register('exit_county', vq.locateCountyExit);
  },
  async routes(app) {
    await householdExitRoutes(app);
    await complaintRoutes(app);
    await areaExitRoutes(app);
  },
};
