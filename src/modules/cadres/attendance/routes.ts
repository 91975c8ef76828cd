import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { computeMonth } from './compute.ts';
import {
  AttendanceDetail,
  AttendanceList,
  AttendanceQuery,
  ComputeInput,
  ComputeResult,
  DecideInput,
  DecideResult,
  DetailQuery,
} from './schema.ts';
import { attendanceDetail, decideFlag, listAttendance } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Attendance (出勤统计): the month's list, a cadre's month, computing a month, deciding flags. */
export async function attendanceRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['cadres'];

  r.get(
    '/cadres/attendance',
    {
      config: {
        access: { kind: 'collection', entity: 'cadre_posting', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: "A region's month of attendance (出勤统计), keyset-paged",
        description:
          'One row per posting in post that month, as last computed: days in village (present or on official business), nights, the prorated standard, compliance, open flags. Filters: compliant=0|1, flagged=1.',
        querystring: AttendanceQuery,
        response: { 200: AttendanceList },
      },
    },
    async (req) => listAttendance(db, req.region, req.query),
  );

  r.post(
    '/cadres/attendance/compute',
    {
      config: {
        access: { kind: 'collection', entity: 'cadre_posting', permission: 'data.write', region: { in: 'body', field: 'region' } },
      },
      schema: {
        tags,
        summary: "Compute a region's month of attendance and flags now",
        description:
          'Idempotent: the figures are replaced, open flags follow the records (evidence changes bump their version), decided flags are kept. A month not yet begun is refused (400 ATTENDANCE_FUTURE_MONTH).',
        body: ComputeInput,
        response: { 200: ComputeResult },
      },
    },
    async (req) => computeMonth(db, req.region, req.body.month),
  );

  r.get(
    '/cadres/postings/:id/attendance',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.read' } },
      schema: {
        tags,
        summary: "A cadre's month: calendar, check-ins judged one by one, flags with evidence",
        params: IdParam,
        querystring: DetailQuery,
        response: { 200: AttendanceDetail },
      },
    },
    async (req) => attendanceDetail(db, req.params.id, req.query.month, req.lang),
  );

  r.post(
    '/cadres/flags/:id/decision',
    {
      config: { access: { kind: 'record', entity: 'cadre_flag', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: 'Confirm or dismiss a flag',
        description:
          "Month flags (挂名/走读/forged) are decided by the county (403 ATTENDANCE_FLAG_LEVEL below it), absence candidates by the township or above. Confirm records one unexcused absence (capping the year's rating); dismiss needs a note (400 ATTENDANCE_NOTE_REQUIRED). `version` must be the one read (409 ATTENDANCE_FLAG_CHANGED otherwise).",
        params: IdParam,
        body: DecideInput,
        response: { 200: DecideResult },
      },
    },
    async (req) => decideFlag(db, procedureActor(req), req.params.id, req.body),
  );
}
