import { sql } from 'kysely';
import { executePrepared } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';
import { ADJUSTMENT } from './procedures.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A screening belongs to its village. */
export function locateScreening(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM party_screening WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface RoundRow {
  county_code: string;
  id: number;
  county_name: string;
  year: number;
  opened_on: string;
  note: string | null;
  total: number;
  assessed: number;
  unfit: number;
  adjusted: number;
}

/** Rounds of the counties in a region with their progress inside `region` (a township sees its villages' part). */
export function rounds(tx: Tx, region: string, roundId: number | null) {
  return sql<RoundRow>`
    SELECT r.county_code, r.id, c.name AS county_name, r.year, to_char(r.opened_on, 'YYYY-MM-DD') AS opened_on, r.note,
           count(s.id)::int AS total, count(s.result)::int AS assessed,
           count(*) FILTER (WHERE s.result = 'incompetent')::int AS unfit, count(s.adjusted_on)::int AS adjusted
    FROM party_screening_round r JOIN region c ON c.code = r.county_code
    LEFT JOIN party_screening s ON s.county_code = r.county_code AND s.round_id = r.id AND s.village_code LIKE ${`${region}%`}
    WHERE r.county_code LIKE ${`${region.slice(0, 6)}%`} ${roundId === null ? sql`` : sql`AND r.id = ${roundId}`}
    GROUP BY r.county_code, r.id, c.name
    ORDER BY r.year DESC, r.county_code
    LIMIT 200`
    .execute(tx)
    .then((r) => r.rows);
}

export function roundOfYear(tx: Tx, county: string, year: number) {
  return sql<{ id: number }>`SELECT id FROM party_screening_round WHERE county_code = ${county} AND year = ${year}`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

export function insertRound(tx: Tx, county: string, year: number, openedOn: string, note: string | null) {
  return sql<{ id: number }>`
    INSERT INTO party_screening_round (county_code, year, opened_on, note) VALUES (${county}, ${year}, ${openedOn}::date, ${note})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

/** Lists every poor village's current secretary in a new round (a village without one is not listed). */
export function listSecretaries(tx: Tx, county: string, roundId: number) {
  return sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO party_screening (county_code, round_id, village_code, org_id, term_id)
      SELECT o.county_code, ${roundId}, o.region_code, o.id, t.id
      FROM poor_village pv
      JOIN party_org o ON o.county_code = pv.county_code AND o.region_code = pv.village_code AND o.dissolved_on IS NULL
      JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
      WHERE pv.county_code = ${county}
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
}

/** Poor villages of the county with no current secretary (not listed in a round). */
export function villagesWithoutSecretary(tx: Tx, county: string) {
  return sql<{ village_code: string; name: string }>`
    SELECT pv.village_code, v.name FROM poor_village pv JOIN region v ON v.code = pv.village_code
    WHERE pv.county_code = ${county} AND NOT EXISTS (
      SELECT 1 FROM party_org o JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
      WHERE o.county_code = pv.county_code AND o.region_code = pv.village_code AND o.dissolved_on IS NULL)
    ORDER BY pv.village_code LIMIT 500`
    .execute(tx)
    .then((r) => r.rows);
}

export interface ScreeningRow {
  county_code: string;
  id: number;
  round_id: number;
  year: number;
  village_code: string;
  village_name: string;
  township_name: string;
  org_id: number;
  term_id: number;
  secretary: string;
  one_shoulder: boolean;
  term_start: string;
  result: string | null;
  opinion: string | null;
  note: string | null;
  assessed_on: string | null;
  assessed_by: string | null;
  adjust_by: string | null;
  adjusted_on: string | null;
  successor: string | null;
  case_id: number | null;
  case_state: string | null;
}

// Names are scalar subqueries rather than joins: with nine joined tables the planner spent ~14 ms per call (more than
// the village page's other sections together) choosing a join order for what are single-row lookups by key.
const screeningColumns = sql`
  s.county_code, s.id, s.round_id, r.year, s.village_code, (SELECT v.name FROM region v WHERE v.code = s.village_code) AS village_name,
  (SELECT tw.name FROM region tw WHERE tw.code = left(s.village_code, 9)) AS township_name, s.org_id, s.term_id,
  (SELECT p.name FROM person p WHERE p.county_code = t.county_code AND p.id = t.person_id) AS secretary, t.one_shoulder,
  to_char(t.start_date, 'YYYY-MM-DD') AS term_start, s.result, s.opinion, s.note,
  to_char(s.assessed_on, 'YYYY-MM-DD') AS assessed_on, s.assessed_by, to_char(s.adjust_by, 'YYYY-MM-DD') AS adjust_by,
  to_char(s.adjusted_on, 'YYYY-MM-DD') AS adjusted_on,
  (SELECT sp.name FROM party_secretary_term st JOIN person sp ON sp.county_code = st.county_code AND sp.id = st.person_id
   WHERE st.county_code = s.county_code AND st.id = s.successor_term_id) AS successor, c.id AS case_id, c.state AS case_state`;
const screeningFrom = sql`
  FROM party_screening s
  JOIN party_screening_round r ON r.county_code = s.county_code AND r.id = s.round_id
  JOIN party_secretary_term t ON t.county_code = s.county_code AND t.id = s.term_id
  LEFT JOIN procedure_case c ON c.county_code = s.county_code AND c.procedure = ${ADJUSTMENT.id} AND c.subject_id = s.id`;

/** A round's villages inside `region`, by village code. */
export function screeningsOfRound(tx: Tx, county: string, roundId: number, region: string) {
  return sql<ScreeningRow>`
    SELECT ${screeningColumns} ${screeningFrom}
    WHERE s.county_code = ${county} AND s.round_id = ${roundId} AND s.village_code LIKE ${`${region}%`}
    ORDER BY s.village_code
    LIMIT 2000`
    .execute(tx)
    .then((r) => r.rows);
}

export function screeningById(tx: Tx, id: number) {
  return sql<ScreeningRow>`SELECT ${screeningColumns} ${screeningFrom} WHERE s.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** A village's screenings, newest round first (history and the village page). */
export function screeningsOfVillage(tx: Tx, county: string, village: string) {
  return executePrepared(
    tx,
    sql<ScreeningRow>`
    SELECT ${screeningColumns} ${screeningFrom} WHERE s.county_code = ${county} AND s.village_code = ${village}
    ORDER BY r.year DESC, s.id DESC LIMIT 50`,
  ).then((r) => r.rows);
}

export function lockScreening(tx: Tx, county: string, id: number) {
  return sql`SELECT id FROM party_screening WHERE county_code = ${county} AND id = ${id} FOR UPDATE`.execute(tx);
}

export function assess(
  tx: Tx,
  county: string,
  id: number,
  v: { result: string; opinion: string; note: string | null; on: string; by: string; adjustBy: string | null },
) {
  return sql`
    UPDATE party_screening SET result = ${v.result}, opinion = ${v.opinion}, note = ${v.note}, assessed_on = ${v.on}::date,
      assessed_by = ${v.by}, adjust_by = ${v.adjustBy}::date, updated_at = now()
    WHERE county_code = ${county} AND id = ${id} AND result IS NULL`
    .execute(tx)
    .then((r) => Number(r.numAffectedRows ?? 0));
}

export function setAdjusted(tx: Tx, county: string, id: number, successorTermId: number, on: string) {
  return sql`
    UPDATE party_screening SET successor_term_id = ${successorTermId}, adjusted_on = ${on}::date, updated_at = now()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** Ends the current term of an organisation (the adjustment's first half). */
export function endTerm(tx: Tx, county: string, termId: number, on: string, reason: string, note: string | null) {
  return sql`
    UPDATE party_secretary_term SET end_date = ${on}::date, end_reason = ${reason}, end_note = ${note}
    WHERE county_code = ${county} AND id = ${termId} AND end_date IS NULL`
    .execute(tx)
    .then((r) => Number(r.numAffectedRows ?? 0));
}

export function insertTerm(tx: Tx, county: string, orgId: number, personId: number, oneShoulder: boolean, start: string) {
  return sql<{ id: number }>`
    INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date)
    VALUES (${county}, ${orgId}, ${personId}, ${oneShoulder}, ${start}::date) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

/** The secretaries of a village's organisations over time, newest first. */
export function secretaryHistory(tx: Tx, county: string, village: string) {
  return sql<{
    id: number;
    name: string;
    id_masked: string;
    one_shoulder: boolean;
    start_date: string;
    end_date: string | null;
    end_reason: string | null;
  }>`
    SELECT t.id, p.name, p.id_masked, t.one_shoulder, to_char(t.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(t.end_date, 'YYYY-MM-DD') AS end_date, t.end_reason
    FROM party_org o JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id
    JOIN person p ON p.county_code = t.county_code AND p.id = t.person_id
    WHERE o.county_code = ${county} AND o.region_code = ${village}
    ORDER BY t.start_date DESC, t.id DESC LIMIT 100`
    .execute(tx)
    .then((r) => r.rows);
}
