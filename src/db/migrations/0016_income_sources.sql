-- Income by source, as the national household form splits it (扶贫手册 / 建档立卡信息采集表): wages (工资性收入),
-- production and business income (生产经营性收入) and its costs (生产经营性支出), property income (财产性收入) and
-- transfers (转移性收入), each a household's yearly total in yuan, with the number of persons it is shared by
-- (家庭人口). per_capita stays the figure every report reads; where the sources are given it is derived from them:
--   round((wages + business - business_costs + property + transfers) / persons, 2)
-- Rows that came from a spreadsheet carry only per_capita (the file has no split): their sources stay null.
ALTER TABLE household_income
  ADD COLUMN wages numeric(14, 2) CHECK (wages >= 0),
  ADD COLUMN business numeric(14, 2) CHECK (business >= 0),
  ADD COLUMN business_costs numeric(14, 2) CHECK (business_costs >= 0),
  ADD COLUMN property numeric(14, 2) CHECK (property >= 0),
  ADD COLUMN transfers numeric(14, 2) CHECK (transfers >= 0),
  ADD COLUMN persons integer CHECK (persons BETWEEN 1 AND 99),
  -- All of the split or none of it: a half-entered split would make per_capita disagree with its sources.
  ADD CONSTRAINT household_income_split_whole CHECK (
    (wages IS NULL AND business IS NULL AND business_costs IS NULL AND property IS NULL AND transfers IS NULL AND persons IS NULL)
    OR (wages IS NOT NULL AND business IS NOT NULL AND business_costs IS NOT NULL AND property IS NOT NULL AND transfers IS NOT NULL
        AND persons IS NOT NULL));
