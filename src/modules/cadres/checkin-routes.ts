import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { typed } from '../../server/module.ts';
import { procedureActor } from '../procedures/service.ts';
import {
  CheckinBatch,
  CheckinBatchResult,
  CheckinList,
  DeviceCreated,
  DeviceInput,
  DeviceParams,
  DeviceRevokeInput,
  FieldMe,
  MonthQuery,
  PostingDevice,
  PostingDeviceList,
} from './checkin-schema.ts';
import { fieldMe, postingCheckins, receiveCheckins, registerDevice } from './checkins.ts';
import { postingDevices, revokeDevice } from './devices.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The field app's API (/api/field, the caller's own posting) and the county's view of a posting's check-ins. */
export async function checkinRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['cadres'];
  const me = (req: { user: import('../auth/service.ts').SessionUser | null }) => {
    if (!req.user) throw new AppError('UNAUTHENTICATED', 401);
    return req.user;
  };

  r.get(
    '/field/me',
    {
      config: { access: { kind: 'self' } },
      schema: {
        tags,
        summary: "The field app's start: the caller's posting, its village and today's check-ins",
        response: { 200: FieldMe },
      },
    },
    async (req) => fieldMe(db, me(req)),
  );

  r.post(
    '/field/devices',
    {
      config: { access: { kind: 'self' } },
      schema: {
        tags,
        summary: "Register a phone's check-in key (ECDSA P-256 public JWK)",
        description:
          'Only a login linked to a posting (403 FIELD_NO_POSTING). The same key again answers the same device; a key registered by another login is refused (409 FIELD_DEVICE_TAKEN).',
        body: DeviceInput,
        response: { 200: DeviceCreated },
      },
    },
    async (req) => registerDevice(db, me(req), req.body.publicKey),
  );

  r.post(
    '/field/checkins',
    {
      config: { access: { kind: 'self' } },
      schema: {
        tags,
        summary: 'Send signed check-ins (up to 200); each is answered accepted, duplicate or refused with a reason',
        description:
          'signature: base64 of the ECDSA P-256 / SHA-256 signature (r‖s, as WebCrypto makes it) over `fupin-checkin-v1|clientId|deviceTime|lat|lon|accuracy`. Refused: unknown or revoked device, a device of another login, a bad signature, a client id reused with another signature (replayed), older than cadres.checkin_late_days (default 7) or more than 10 minutes ahead.',
        body: CheckinBatch,
        response: { 200: CheckinBatchResult },
      },
    },
    async (req) => receiveCheckins(db, me(req), req.body, req.lang),
  );

  r.get(
    '/cadres/postings/:id/checkins',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.read' } },
      schema: {
        tags,
        summary: "A posting's check-ins in a month (device time, received time, position)",
        params: IdParam,
        querystring: MonthQuery,
        response: { 200: CheckinList },
      },
    },
    async (req) => postingCheckins(db, req.params.id, req.query.month),
  );

  r.get(
    '/cadres/postings/:id/devices',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.read' } },
      schema: {
        tags,
        summary: "A posting's registered field devices: when registered, by which login, last used, records signed, revoked",
        params: IdParam,
        response: { 200: PostingDeviceList },
      },
    },
    async (req) => postingDevices(db, req.params.id),
  );

  r.post(
    '/cadres/postings/:id/devices/:deviceId/revoke',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: "Revoke a posting's field device with a reason (county organisation department)",
        description:
          "County users (scope of 6 digits or above) with users.manage (403 CADRE_DEVICE_LEVEL otherwise); a reason is required (400 CADRE_DEVICE_REASON); a device of another posting or county answers 404; an already revoked one 409 CADRE_DEVICE_REVOKED_ALREADY. Records the key signs from then on are refused with FIELD_DEVICE_REVOKED (the day and the reason); what it signed before keeps its judgement. The login's sessions end. Audited (cadre_device, revoke).",
        params: DeviceParams,
        body: DeviceRevokeInput,
        response: { 200: PostingDevice },
      },
    },
    async (req) => revokeDevice(db, procedureActor(req), req.params.id, req.params.deviceId, req.body),
  );
}
