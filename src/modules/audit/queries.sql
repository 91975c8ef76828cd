-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- insertAudits
INSERT INTO
  audit_log (
    actor_id,
    actor_name,
    scope_code,
    entity,
    entity_id,
    action,
    before,
    after,
    ip
  )
SELECT
  *
FROM
  unnest(
    $1::BIGINT[],
    $2::TEXT[],
    $3::TEXT[],
    $4::TEXT[],
    $5::TEXT[],
    $6::TEXT[],
    $7::JSONB[],
    $8::JSONB[],
    $9::TEXT[]
  );

-- insertAudit
INSERT INTO
  "audit_log" (
    "actor_id",
    "actor_name",
    "scope_code",
    "entity",
    "entity_id",
    "action",
    "before",
    "after"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8);

-- listAudit: a scope, first page
SELECT
  "id",
  "at",
  "actor_id",
  "actor_name",
  "scope_code",
  "entity",
  "entity_id",
  "action",
  "before",
  "after",
  "ip"
FROM
  "audit_log"
WHERE
  "scope_code" LIKE $1
ORDER BY
  "id" DESC
LIMIT
  $2;

-- listAudit: every filter, next page
SELECT
  "id",
  "at",
  "actor_id",
  "actor_name",
  "scope_code",
  "entity",
  "entity_id",
  "action",
  "before",
  "after",
  "ip"
FROM
  "audit_log"
WHERE
  "scope_code" LIKE $1
  AND "actor_name" = $2
  AND "entity" = $3
  AND "entity_id" = $4
  AND "action" = $5
  AND "at" >= $6
  AND "at" < $7
  AND "id" < $8
ORDER BY
  "id" DESC
LIMIT
  $9;

-- distinctEntities
SELECT DISTINCT
  "entity"
FROM
  "audit_log"
WHERE
  "scope_code" LIKE $1
ORDER BY
  "entity";

-- chainHead
SELECT
  (
    SELECT
      count(*)
    FROM
      audit_log
  ) AS rows,
  h.chain_seq AS seq,
  encode(h.hash, 'hex') AS hash,
  h.at,
  h.id
FROM
  (
    SELECT
      1
  ) one
  LEFT JOIN LATERAL (
    SELECT
      chain_seq,
      hash,
      at,
      id
    FROM
      audit_log
    ORDER BY
      chain_seq DESC
    LIMIT
      1
  ) h ON TRUE;

-- firstBrokenLink
SELECT
  id,
  at,
  chain_seq AS seq,
  prev_seq AS "prevSeq"
FROM
  (
    SELECT
      id,
      at,
      chain_seq,
      hash,
      lag(chain_seq) OVER w AS prev_seq,
      sha256(
        coalesce(lag(hash) OVER w, '\x'::bytea) || convert_to(audit_log_canonical (a), 'UTF8')
      ) AS expected
    FROM
      audit_log a
    WINDOW
      w AS (
        ORDER BY
          chain_seq
      )
  ) x
WHERE
  hash IS DISTINCT FROM expected
  OR chain_seq IS DISTINCT FROM coalesce(prev_seq, 0) + 1
ORDER BY
  chain_seq
LIMIT
  1;
