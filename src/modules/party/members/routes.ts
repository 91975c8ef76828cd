import type { FastifyInstance } from 'fastify';
import { typed } from '../../../server/module.ts';
import { actorOf, IdParam } from '../orgs/routes.ts';
import { Created } from '../orgs/schema.ts';
import {
  EndPairingInput,
  LeaveInput,
  MemberDetail,
  MemberEdit,
  MemberInput,
  MemberList,
  MemberQuery,
  MoveInput,
  PairInput,
  PairingList,
} from './schema.ts';
import {
  addMember,
  endPairing,
  householdPairings,
  leaveMember,
  listMembers,
  memberDetail,
  moveMember,
  pairMember,
  updateMember,
} from './service.ts';

/** Party members: posts and duties, wealth leaders, leaving and moving (dated, never deleted), household pairings. */
export function memberRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];
  const read = 'data.read' as const;
  const write = 'data.write' as const;
  const member = (permission: typeof read | typeof write) => ({ kind: 'record', entity: 'party_member', param: 'id', permission }) as const;

  r.get(
    '/party/members',
    {
      config: { access: { kind: 'collection', entity: 'party_member', permission: read, region: { in: 'query', field: 'region' } } },
      schema: {
        tags,
        summary: 'Party members of a region or of one organisation',
        description: 'Current members unless `left=true`; `wealth=true`: wealth-leading members; `q`: a name prefix. Keyset pages.',
        querystring: MemberQuery,
        response: { 200: MemberList },
      },
    },
    async (req) => listMembers(db, req.region, req.query),
  );

  r.post(
    '/party/members',
    {
      config: { access: { kind: 'collection', entity: 'party_member', permission: write } },
      schema: {
        tags,
        summary: 'Add a member to an organisation (person by ID number)',
        description:
          'An organisation outside the scope answers 404; a person already a member somewhere in the county 409 PARTY_MEMBER_EXISTS (a move is the move route).',
        body: MemberInput,
        response: { 200: Created },
      },
    },
    async (req) => addMember(db, keys, actorOf(req), req.body),
  );

  r.get(
    '/party/members/:id',
    {
      config: { access: member(read) },
      schema: { tags, summary: 'A member with the households they help', params: IdParam, response: { 200: MemberDetail } },
    },
    async (req) => memberDetail(db, req.params.id),
  );

  r.put(
    '/party/members/:id',
    {
      config: { access: member(write) },
      schema: {
        tags,
        summary: '设岗定责 and the wealth leader: standing, post, duty, wealth leader and industry',
        params: IdParam,
        body: MemberEdit,
        response: { 200: Created },
      },
    },
    async (req) => updateMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/members/:id/leave',
    {
      config: { access: member(write) },
      schema: {
        tags,
        summary: 'A member leaves the organisation on a date (the record stays); their pairings end',
        params: IdParam,
        body: LeaveInput,
        response: { 200: Created },
      },
    },
    async (req) => leaveMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/members/:id/move',
    {
      config: { access: member(write) },
      schema: {
        tags,
        summary: 'Move a member to another organisation of the county',
        description: 'The row ends that day (moved) and a new one opens the next day in the target, with the pairings; one transaction.',
        params: IdParam,
        body: MoveInput,
        response: { 200: Created },
      },
    },
    async (req) => moveMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/members/:id/pairings',
    {
      config: { access: member(write) },
      schema: {
        tags,
        summary: 'Pair the member with a household of the register (党员结对帮扶)',
        description: 'The household must be inside the scope (else 404) and of the same county.',
        params: IdParam,
        body: PairInput,
        response: { 200: Created },
      },
    },
    async (req) => pairMember(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/pairings/:id/end',
    {
      config: { access: { kind: 'record', entity: 'party_pairing', param: 'id', permission: write } },
      schema: { tags, summary: 'End a pairing on a date', params: IdParam, body: EndPairingInput, response: { 200: Created } },
    },
    async (req) => endPairing(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/party/households/:id/pairings',
    {
      config: { access: { kind: 'record', entity: 'household', param: 'id', permission: read } },
      schema: {
        tags,
        summary: 'The party members helping a household (党员结对), current first',
        params: IdParam,
        response: { 200: PairingList },
      },
    },
    async (req) => householdPairings(db, req.params.id),
  );
}
