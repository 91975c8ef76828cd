-- The SQL that write.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in write.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- lockHousehold
SELECT
  county_code,
  id,
  household_no,
  village_code,
  status,
  exit_year,
  head_person_id,
  version
FROM
  household
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

SELECT
  to_char(max(changed_on), 'YYYY-MM-DD') AS d
FROM
  household_status_history
WHERE
  county_code = $1
  AND household_id = $2;

-- snapshot
SELECT
  (
    SELECT
      jsonb_build_object(
        'householdNo',
        hs.household_no,
        'villageCode',
        hs.village_code,
        'category',
        hs.category,
        'cause',
        hs.cause,
        'yearIdentified',
        hs.year_identified,
        'plannedExitYear',
        hs.planned_exit_year,
        'exitYear',
        hs.exit_year,
        'status',
        hs.status,
        'income',
        (
          SELECT
            per_capita
          FROM
            household_income i
          WHERE
            i.county_code = hs.county_code
            AND i.household_id = hs.id
            AND i.year = $1
        ),
        'helper',
        (
          SELECT
            helper_name
          FROM
            help_pairing hp
          WHERE
            hp.county_code = hs.county_code
            AND hp.household_id = hs.id
            AND hp.end_date IS NULL
          ORDER BY
            hp.start_date DESC,
            hp.id DESC
          LIMIT
            1
        ),
        'members',
        (
          SELECT
            jsonb_agg(
              jsonb_build_object(
                'personId',
                "p"."id",
                'name',
                "p"."name",
                'idNumber',
                "p"."id_masked",
                'gender',
                "p"."gender",
                'ethnicity',
                "p"."ethnicity",
                'phone',
                "p"."phone_masked",
                'relation',
                "m"."relation",
                'education',
                "m"."education",
                'schooling',
                "m"."schooling",
                'health',
                "m"."health",
                'labour',
                "m"."labour",
                'work',
                "m"."work",
                'medicalInsurance',
                "m"."medical_insurance"
              )
              ORDER BY
                p.id
            )
          FROM
            household_member m
            JOIN person p ON p.county_code = m.county_code
            AND p.id = m.person_id
          WHERE
            m.county_code = hs.county_code
            AND m.household_id = hs.id
        )
      ) - 'income' || jsonb_build_object(
        'guarantees',
        jsonb_build_object(
          'food',
          hs.guarantee_food,
          'clothing',
          hs.guarantee_clothing,
          'education',
          hs.guarantee_education,
          'medical',
          hs.guarantee_medical,
          'housing',
          hs.guarantee_housing
        ),
        'incomes',
        (
          SELECT
            jsonb_agg(
              jsonb_build_object(
                'year',
                i.year,
                'wages',
                i.wages,
                'business',
                i.business,
                'businessCosts',
                i.business_costs,
                'property',
                i.property,
                'transfers',
                i.transfers,
                'persons',
                i.persons,
                'perCapita',
                i.per_capita
              )
              ORDER BY
                i.year
            )
          FROM
            household_income i
          WHERE
            i.county_code = hs.county_code
            AND i.household_id = hs.id
        ),
        'projects',
        (
          SELECT
            jsonb_agg(
              jsonb_build_object(
                'id',
                p.id,
                'type',
                p.type,
                'year',
                p.year,
                'amount',
                p.amount,
                'state',
                p.state
              )
              ORDER BY
                p.id
            )
          FROM
            household_project p
          WHERE
            p.county_code = hs.county_code
            AND p.household_id = hs.id
        ),
        'helperPhone',
        (
          SELECT
            helper_phone_masked
          FROM
            help_pairing hp
          WHERE
            hp.county_code = hs.county_code
            AND hp.household_id = hs.id
            AND hp.end_date IS NULL
          ORDER BY
            hp.start_date DESC,
            hp.id DESC
          LIMIT
            1
        )
      )
    FROM
      household hs
    WHERE
      hs.county_code = $2::text
      AND hs.id = $3::bigint
  ) AS s;

-- bumpVersion
UPDATE household
SET
  version = version + 1,
  updated_at = now()
WHERE
  county_code = $1
  AND id = $2;

-- setStatus: a new status, with its dated history row
INSERT INTO
  household_status_history (
    county_code,
    household_id,
    status,
    previous_status,
    changed_on,
    reason
  )
VALUES
  ($1, $2, $3, $4, $5::date, $6);

UPDATE household
SET
  status = $1,
  exit_year = $2
WHERE
  county_code = $3
  AND id = $4;

-- setStatus: the exit year only
UPDATE household
SET
  status = $1,
  exit_year = $2
WHERE
  county_code = $3
  AND id = $4;

-- removeMember
DELETE FROM household_member
WHERE
  county_code = $1
  AND household_id = $2
  AND person_id = $3
RETURNING
  relation;

UPDATE household
SET
  member_count = greatest(member_count - 1, 0),
  head_person_id = CASE
    WHEN head_person_id = $1 THEN NULL
    ELSE head_person_id
  END
WHERE
  county_code = $2
  AND id = $3;
