-- Party gaps (issue 12 review): payments are corrected by dated reversal entries that keep the original, and a reserve
-- cadre's leaving carries its reason beside its date.

-- A reversal (冲正) is a payment row of the opposite amount naming the row it reverses, on the original's day so that
-- every sum nets in the original's year; corrected_on is the day the correction was made. A correction is a reversal
-- plus a new payment naming the original in corrects_id. An original is reversed at most once.
ALTER TABLE party_fund_payment DROP CONSTRAINT party_fund_payment_amount_fen_check;
ALTER TABLE party_fund_payment
  ADD COLUMN reverses_id bigint,
  ADD COLUMN corrects_id bigint,
  ADD COLUMN corrected_on date,
  ADD COLUMN correction_reason text CHECK (length(correction_reason) BETWEEN 2 AND 200),
  ADD CONSTRAINT party_fund_payment_amount_fen_check CHECK (
    amount_fen <> 0 AND abs(amount_fen) <= 10000000000 AND (amount_fen < 0) = (reverses_id IS NOT NULL)
  ),
  ADD CONSTRAINT party_fund_payment_reversal_check CHECK (
    (reverses_id IS NULL) = (corrected_on IS NULL) AND (reverses_id IS NULL) = (correction_reason IS NULL)
  ),
  ADD CONSTRAINT party_fund_payment_reverses_fk FOREIGN KEY (county_code, reverses_id) REFERENCES party_fund_payment (county_code, id),
  ADD CONSTRAINT party_fund_payment_corrects_fk FOREIGN KEY (county_code, corrects_id) REFERENCES party_fund_payment (county_code, id);
CREATE UNIQUE INDEX party_fund_payment_reversal_uq ON party_fund_payment (county_code, reverses_id) WHERE reverses_id IS NOT NULL;

ALTER TABLE party_reserve_cadre
  ADD COLUMN left_reason text CHECK (left_reason IN ('elected', 'appointed', 'moved', 'unfit', 'withdrew', 'other')),
  ADD COLUMN left_note text CHECK (length(left_note) <= 200),
  ADD CONSTRAINT party_reserve_left_check CHECK ((left_on IS NULL) = (left_reason IS NULL));
