import { stagingTarget } from '../../registry/import/staged.ts';

/** A posting row as import_posting_row stages it: normalised, the ID number and phone encrypted and hashed. */
export interface PostingStaged {
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
  unit_name: string | null;
  unit_level: string | null;
  post: string | null;
  party_member: boolean | null;
  role: string | null;
  start_date: string | null;
  end_date: string | null;
  /** The row's own problems (JSON text), kept apart from those found against the database. */
  row_problems: string | null;
  problems: string | null;
}

/** The staging table of postings, in COPY order (the register's staging loop and sinks write it). */
export const POSTING_STAGING = stagingTarget<PostingStaged>('import_posting_row', {
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
  unit_name: 'text',
  unit_level: 'text',
  post: 'text',
  party_member: 'bool',
  role: 'text',
  start_date: 'date',
  end_date: 'date',
  row_problems: 'jsonb',
  problems: 'jsonb',
});
