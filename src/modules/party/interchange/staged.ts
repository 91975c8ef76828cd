import { stagingTarget } from '../../registry/import/staged.ts';

/** An organisation row as import_party_org_row stages it. */
export interface OrgStaged {
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  org_name: string | null;
  kind: string | null;
  established_on: string | null;
  secretary_name: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail_hash: string | null;
  name_initials: string | null;
  name_pinyin: string | null;
  gender: string | null;
  birth_date: string | null;
  one_shoulder: boolean | null;
  secretary_since: string | null;
  row_problems: string | null;
  problems: string | null;
}

export const ORG_STAGING = stagingTarget<OrgStaged>('import_party_org_row', {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  org_name: 'text',
  kind: 'text',
  established_on: 'date',
  secretary_name: 'text',
  id_hash: 'text',
  id_cipher: 'text',
  id_masked: 'text',
  id_tail_hash: 'text',
  name_initials: 'text',
  name_pinyin: 'text',
  gender: 'text',
  birth_date: 'date',
  one_shoulder: 'bool',
  secretary_since: 'date',
  row_problems: 'jsonb',
  problems: 'jsonb',
});

/** A member row as import_party_member_row stages it. */
export interface MemberStaged {
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  name: string | null;
  name_initials: string | null;
  name_pinyin: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail_hash: string | null;
  gender: string | null;
  birth_date: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  joined_on: string | null;
  standing: string | null;
  post: string | null;
  duty: string | null;
  wealth_leader: boolean | null;
  wealth_industry: string | null;
  row_problems: string | null;
  problems: string | null;
}

export const MEMBER_STAGING = stagingTarget<MemberStaged>('import_party_member_row', {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  name: 'text',
  name_initials: 'text',
  name_pinyin: 'text',
  id_hash: 'text',
  id_cipher: 'text',
  id_masked: 'text',
  id_tail_hash: 'text',
  gender: 'text',
  birth_date: 'date',
  phone_cipher: 'text',
  phone_masked: 'text',
  phone_hash: 'text',
  joined_on: 'date',
  standing: 'text',
  post: 'text',
  duty: 'text',
  wealth_leader: 'bool',
  wealth_industry: 'text',
  row_problems: 'jsonb',
  problems: 'jsonb',
});
