import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { typed } from '../../server/module.ts';
import { fileResponse } from '../../server/openapi.ts';
import { RegionCode } from '../regions/schema.ts';
import { householdFile, VillageFiles, villageFiles } from './household-file.ts';
import { householdFilesPdf } from './household-file-pdf.ts';
import { IdParam } from './schema.ts';

/**
 * The one-household file (一户一档): one household, or every household of a village, as JSON for the browser's print
 * view and as PDF. Always masked, whoever prints (household-file.ts). A village outside the scope answers 404.
 */
export function householdFileRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['registry'];
  const read = 'data.read' as const;
  const inRegion = { in: 'query', field: 'region' } as const;
  const pdf = (reply: FastifyReply, name: string, body: Buffer) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  const today = () => new Date().toISOString().slice(0, 10);

  r.get(
    '/registry/households/:id/file.pdf',
    {
      config: { access: { kind: 'record', entity: 'household', param: 'id', permission: read } },
      schema: {
        tags,
        summary: 'One household file (一户一档) as an A4 PDF',
        params: IdParam,
        response: fileResponse('The household file', ['application/pdf']),
      },
    },
    async (req, reply) => {
      const h = await householdFile(db, req.params.id, req.lang);
      const title = `一户一档-${h.householdNo}`;
      return pdf(reply, `${title}-${today()}.pdf`, await householdFilesPdf([h], req.lang, { title }));
    },
  );

  const villageQuery = z.strictObject({ region: RegionCode });
  r.get(
    '/registry/household-files',
    {
      config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
      schema: {
        tags,
        summary: 'The household files of every household in a village, for the print view',
        querystring: villageQuery,
        response: { 200: VillageFiles },
      },
    },
    async (req) => villageFiles(db, req.region, req.lang),
  );

  r.get(
    '/registry/household-files.pdf',
    {
      config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
      schema: {
        tags,
        summary: 'The household files of a village as one PDF, a household a page',
        querystring: villageQuery,
        response: fileResponse("The village's household files", ['application/pdf']),
      },
    },
    async (req, reply) => {
      const v = await villageFiles(db, req.region, req.lang);
      const title = `一户一档-${v.countyName}${v.townshipName}${v.villageName}`;
      return pdf(reply, `${title}-${today()}.pdf`, await householdFilesPdf(v.items, req.lang, { title }));
    },
  );
}
