-- issue 15, residents' own door: a volunteer record is linked to the identity provider's stable subject (sub) of the
-- resident who registered it or claimed it; one record per subject, whatever the concurrency.
ALTER TABLE volunteer ADD COLUMN subject text;
ALTER TABLE volunteer ADD CONSTRAINT volunteer_subject_key UNIQUE (subject);

-- Withdrawal of consent erases the person as households are erased: the row stays (its service records keep
-- counting, pairings keep their history), the details go, and the phone is freed for a fresh registration.
ALTER TABLE volunteer ADD COLUMN erased_at timestamptz;
ALTER TABLE volunteer ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE volunteer ADD CONSTRAINT volunteer_phone_or_erased_check CHECK (phone IS NOT NULL OR erased_at IS NOT NULL);
ALTER TABLE volunteer ADD CONSTRAINT volunteer_erased_unlinked_check CHECK (erased_at IS NULL OR subject IS NULL);

-- GET /api/v1/me: the wishes a volunteer claimed
CREATE INDEX wish_claimant_idx ON wish (claimant_id) WHERE claimant_id IS NOT NULL;
-- GET /api/v1/me/wishes: the open wishes of one community
CREATE INDEX wish_community_open_idx ON wish (community_id, id) WHERE status = 'OPEN';
