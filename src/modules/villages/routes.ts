import { z } from 'zod';
import { notFound } from '../../server/errors.ts';
import { type FupinModule, typed } from '../../server/module.ts';
import { nameSchemas } from '../../server/openapi.ts';
import * as q from './queries.ts';
import { SECTIONS } from './sections.ts';

const CodeParam = z.strictObject({ code: z.string().max(12) });

export const VillageProfile = z.object({
  code: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  /** Section id → what that module knows of the village (a section with nothing is left out). */
  sections: z.record(z.string(), z.unknown()),
});
nameSchemas({ VillageProfile });

/** One page per village (一村一档): every module's section of one village, 404 outside the scope as for a missing code. */
export const villagesModule: FupinModule = {
  name: 'villages',
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    r.get(
      '/villages/:code/profile',
      {
        config: { access: { kind: 'record', entity: 'region', param: 'code', permission: 'data.read' } },
        schema: {
          tags: ['villages'],
          summary: 'Everything Fupin knows about one village, by section',
          description:
            'Sections: register, poorVillage, residents, party, members, alerts (and those other modules add). A code that is no village, or outside the scope, answers 404.',
          params: CodeParam,
          response: { 200: VillageProfile },
        },
      },
      async (req) => {
        const v = await q.villageOf(db, req.params.code);
        if (!v) throw notFound();
        const countyCode = v.code.slice(0, 6);
        // One object for every section: a section may keep what it read for another on it (sections.ts orgOf).
        const village = { code: v.code, countyCode };
        const loaded = await Promise.all(SECTIONS.map((s) => s.load(db, village, req.lang)));
        const sections: Record<string, unknown> = {};
        SECTIONS.forEach((s, i) => {
          if (loaded[i] !== null && loaded[i] !== undefined) sections[s.id] = loaded[i];
        });
        return {
          code: v.code,
          name: v.name,
          countyCode,
          countyName: v.county_name,
          townshipCode: v.township_code,
          townshipName: v.township_name,
          sections,
        };
      },
    );
  },
};
