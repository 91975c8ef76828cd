-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- ackCounts
SELECT
  rule,
  count(*) AS n
FROM
  alert_ack a
WHERE
  (
    "a"."county_code" = $1
    AND "a"."region_code" LIKE $2
  )
GROUP BY
  rule;

-- countRuleItems
SELECT
  count(*) AS n
FROM
  (
    SELECT
      e.id::text AS item_key,
      '0' AS sort_a,
      e.id AS sort_b,
      $1::text AS county_code,
      $2::text AS region_code,
      to_char(e.at, 'YYYY-MM-DD') AS since,
      'security' AS link_kind,
      e.id AS link_id,
      e.actor_name || ' · ' || $3 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_zh,
      e.actor_name || ' · ' || $4 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_en
    FROM
      security_event e
    WHERE
      e.kind = $5
      AND e.at >= now() - $6::interval
      AND (
        e.scope_code LIKE $7
        OR e.scope_code = ''
      )
  ) i;

-- ruleAlertPage: open items, first page
SELECT
  $1::int AS rank,
  $2::text AS rule,
  i.*,
  a.acked_by_name,
  a.acked_at,
  a.note
FROM
  (
    SELECT
      e.id::text AS item_key,
      '0' AS sort_a,
      e.id AS sort_b,
      $3::text AS county_code,
      $4::text AS region_code,
      to_char(e.at, 'YYYY-MM-DD') AS since,
      'security' AS link_kind,
      e.id AS link_id,
      e.actor_name || ' · ' || $5 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_zh,
      e.actor_name || ' · ' || $6 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_en
    FROM
      security_event e
    WHERE
      e.kind = $7
      AND e.at >= now() - $8::interval
      AND (
        e.scope_code LIKE $9
        OR e.scope_code = ''
      )
  ) i
  LEFT JOIN alert_ack a ON a.county_code = i.county_code
  AND a.rule = $10
  AND a.item_key = i.item_key
WHERE
  TRUE
  AND a.item_key IS NULL
ORDER BY
  i.sort_a,
  i.sort_b
LIMIT
  $11;

-- ruleAlertPage: acknowledged items, after a position
SELECT
  $1::int AS rank,
  $2::text AS rule,
  i.*,
  a.acked_by_name,
  a.acked_at,
  a.note
FROM
  (
    SELECT
      e.id::text AS item_key,
      '0' AS sort_a,
      e.id AS sort_b,
      $3::text AS county_code,
      $4::text AS region_code,
      to_char(e.at, 'YYYY-MM-DD') AS since,
      'security' AS link_kind,
      e.id AS link_id,
      e.actor_name || ' · ' || $5 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_zh,
      e.actor_name || ' · ' || $6 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_en
    FROM
      security_event e
    WHERE
      e.kind = $7
      AND e.at >= now() - $8::interval
      AND (
        e.scope_code LIKE $9
        OR e.scope_code = ''
      )
  ) i
  LEFT JOIN alert_ack a ON a.county_code = i.county_code
  AND a.rule = $10
  AND a.item_key = i.item_key
WHERE
  TRUE
  AND a.item_key IS NOT NULL
  AND (i.sort_a, i.sort_b) > ($11, $12)
ORDER BY
  i.sort_a,
  i.sort_b
LIMIT
  $13;

-- ruleAlertPage: all items
SELECT
  $1::int AS rank,
  $2::text AS rule,
  i.*,
  a.acked_by_name,
  a.acked_at,
  a.note
FROM
  (
    SELECT
      e.id::text AS item_key,
      '0' AS sort_a,
      e.id AS sort_b,
      $3::text AS county_code,
      $4::text AS region_code,
      to_char(e.at, 'YYYY-MM-DD') AS since,
      'security' AS link_kind,
      e.id AS link_id,
      e.actor_name || ' · ' || $5 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_zh,
      e.actor_name || ' · ' || $6 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_en
    FROM
      security_event e
    WHERE
      e.kind = $7
      AND e.at >= now() - $8::interval
      AND (
        e.scope_code LIKE $9
        OR e.scope_code = ''
      )
  ) i
  LEFT JOIN alert_ack a ON a.county_code = i.county_code
  AND a.rule = $10
  AND a.item_key = i.item_key
WHERE
  TRUE
ORDER BY
  i.sort_a,
  i.sort_b
LIMIT
  $11;

-- findRuleItem
SELECT
  *
FROM
  (
    SELECT
      e.id::text AS item_key,
      '0' AS sort_a,
      e.id AS sort_b,
      $1::text AS county_code,
      $2::text AS region_code,
      to_char(e.at, 'YYYY-MM-DD') AS since,
      'security' AS link_kind,
      e.id AS link_id,
      e.actor_name || ' · ' || $3 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_zh,
      e.actor_name || ' · ' || $4 || CASE
        WHEN coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        ) <> '' THEN ' · ' || coalesce(
          e.details ->> 'persons',
          e.details ->> 'count',
          e.details ->> 'conflicts',
          ''
        )
        ELSE ''
      END AS what_en
    FROM
      security_event e
    WHERE
      e.kind = $5
      AND e.at >= now() - $6::interval
      AND (
        e.scope_code LIKE $7
        OR e.scope_code = ''
      )
  ) i
WHERE
  i.item_key = $8;

-- insertAck
INSERT INTO
  alert_ack (
    county_code,
    rule,
    item_key,
    region_code,
    acked_by,
    acked_by_name,
    note
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT DO NOTHING
RETURNING
  item_key;

-- markVillageDirty
INSERT INTO
  rollup_dirty (county_code, village_code)
VALUES
  ($1, $2)
ON CONFLICT DO NOTHING;
