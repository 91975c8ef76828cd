-- The SQL that profile.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in profile.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- villageFunds
SELECT
  (
    SELECT
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'operation'
        ),
        0
      )::text
    FROM
      party_fund_payment
    WHERE
      county_code = $1
      AND village_code = $2
      AND paid_on BETWEEN make_date($3::int, 1, 1) AND make_date($4::int, 12, 31)
  ) AS operation,
  (
    SELECT
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'party_building'
        ),
        0
      )::text
    FROM
      party_fund_payment
    WHERE
      county_code = $5
      AND village_code = $6
      AND paid_on BETWEEN make_date($7::int, 1, 1) AND make_date($8::int, 12, 31)
  ) AS party_building,
  (
    SELECT
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'other'
        ),
        0
      )::text
    FROM
      party_fund_payment
    WHERE
      county_code = $9
      AND village_code = $10
      AND paid_on BETWEEN make_date($11::int, 1, 1) AND make_date($12::int, 12, 31)
  ) AS other,
  (
    SELECT
      count(*)::int
    FROM
      party_fund_payment
    WHERE
      county_code = $13
      AND village_code = $14
      AND paid_on BETWEEN make_date($15::int, 1, 1) AND make_date($16::int, 12, 31)
  ) AS payments,
  (
    SELECT
      amount_fen::text
    FROM
      party_collective_income
    WHERE
      county_code = $17
      AND village_code = $18
      AND YEAR = $19
  ) AS income,
  (
    SELECT
      sources
    FROM
      party_collective_income
    WHERE
      county_code = $20
      AND village_code = $21
      AND YEAR = $22
  ) AS income_sources,
  (
    SELECT
      count(*)::int
    FROM
      party_cadre_pay
    WHERE
      county_code = $23
      AND village_code = $24
      AND MONTH BETWEEN make_date($25::int, 1, 1) AND make_date($26::int, 12, 1)
      AND due_on < $27::date
      AND (
        paid_on IS NULL
        OR paid_on > due_on
      )
  ) AS late,
  (
    SELECT
      count(*)::int
    FROM
      party_reserve_cadre
    WHERE
      county_code = $28
      AND village_code = $29
      AND left_on IS NULL
  ) AS reserves,
  (
    SELECT
      count(*)::int
    FROM
      party_commitment
    WHERE
      county_code = $30
      AND region_code = $31
      AND YEAR = $32
  ) AS commitments,
  (
    SELECT
      count(*)::int
    FROM
      party_commitment
    WHERE
      county_code = $33
      AND region_code = $34
      AND YEAR = $35
      AND status = 'fulfilled'
      AND review = 'confirmed'
  ) AS fulfilled;
