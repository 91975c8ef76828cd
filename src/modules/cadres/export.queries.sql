-- The SQL that export.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in export.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- exportPage: a county, all postings
SELECT
  p.county_code,
  p.id,
  pe.name,
  pe.id_cipher,
  pe.id_masked,
  pe.gender,
  pe.phone_cipher,
  pe.phone_masked,
  u.name AS unit_name,
  u.level AS unit_level,
  k.post,
  k.party_member,
  ci.name AS city,
  co.name AS county,
  t.name AS township,
  v.name AS village,
  p.village_code,
  p.role,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS end_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = left(p.village_code, 9)
  LEFT JOIN region co ON co.code = p.county_code
  LEFT JOIN region ci ON ci.code = left(p.village_code, 4)
WHERE
  "p"."county_code" = $1
  AND (p.county_code, p.id) > ($2, $3)
ORDER BY
  p.county_code,
  p.id
LIMIT
  $4;

-- exportPage: a township, in post, first secretaries, a name
SELECT
  p.county_code,
  p.id,
  pe.name,
  pe.id_cipher,
  pe.id_masked,
  pe.gender,
  pe.phone_cipher,
  pe.phone_masked,
  u.name AS unit_name,
  u.level AS unit_level,
  k.post,
  k.party_member,
  ci.name AS city,
  co.name AS county,
  t.name AS township,
  v.name AS village,
  p.village_code,
  p.role,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS end_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = left(p.village_code, 9)
  LEFT JOIN region co ON co.code = p.county_code
  LEFT JOIN region ci ON ci.code = left(p.village_code, 4)
WHERE
  "p"."county_code" = $1
  AND "p"."village_code" LIKE $2
  AND c.state = $3
  AND p.role = $4
  AND pe.name LIKE $5
  AND (p.county_code, p.id) > ($6, $7)
ORDER BY
  p.county_code,
  p.id
LIMIT
  $8;

-- countExportPersons
SELECT
  count(DISTINCT (k.county_code, k.person_id))::int AS n
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
WHERE
  "p"."county_code" = $1
  AND c.state = $2;
