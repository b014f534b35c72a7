-- volunteer-service, issue 13: a reversed disbursement withdraws its activity's funding (ReversalRecorded).
-- fund_balance_seq (V10) is now the whole ordering rule: every fund event carries the ledger sequence.
ALTER TABLE activity DROP CONSTRAINT activity_status_check,
    ADD CONSTRAINT activity_status_check CHECK (status IN ('PLANNED', 'FUNDING_PENDING', 'FUNDED', 'FUNDING_REJECTED',
                                                           'COMPLETED', 'FUNDING_WITHDRAWN'));
