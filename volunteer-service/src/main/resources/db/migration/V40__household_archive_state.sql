-- issue 8: the progress review counted complete basic archives (domain.md: head name, address, grid, a category, a
-- survey with a need, an ACTIVE pairing) with an EXISTS probe into survey/survey_need for every paired household:
-- 5.7 s city-wide on 1,000,000 households (docs/hardening.md). The household row now carries the one fact that lived
-- in other tables, and the verdict is a generated column of the row, so counting is a scan of one index.

-- "has at least one survey with at least one need"; kept by the triggers below in the transaction that writes needs
ALTER TABLE household ADD COLUMN needs_surveyed boolean NOT NULL DEFAULT false;
UPDATE household h SET needs_surveyed = true
WHERE EXISTS (SELECT 1 FROM survey s JOIN survey_need n ON n.survey_id = s.id WHERE s.household_id = h.id);

-- Computed by PostgreSQL on every insert and update of the row, so pairing, ending a pairing, grid, categories and
-- erasure (which keeps a non-empty head name and address) change it in their own transactions. Same test as the
-- SQL progress used before; Archive.assess says the same per household.
ALTER TABLE household ADD COLUMN archive_complete boolean NOT NULL GENERATED ALWAYS AS (
    grid_id IS NOT NULL AND cardinality(categories) > 0 AND active_pairing_id IS NOT NULL
    AND head_name <> '' AND address <> '' AND needs_surveyed) STORED;

-- Coverage and progress aggregate per county from this index alone (index-only scans).
DROP INDEX household_county_idx;
CREATE INDEX household_county_idx ON household (county_code, grid_id)
    INCLUDE (first_surveyed_on, active_pairing_id, archive_complete);

-- A new need marks its household, whoever inserts it (the service, an import, a bulk load): one statement-level
-- pass per INSERT statement. The rows are locked even when already marked, so a recount (below) running at the same
-- time waits for this transaction and then sees its need; HouseholdService.survey holds this lock already.
CREATE FUNCTION household_mark_needs_surveyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM household WHERE id IN (SELECT s.household_id FROM survey s JOIN new_needs n ON n.survey_id = s.id)
    ORDER BY id FOR NO KEY UPDATE;
    UPDATE household h SET needs_surveyed = true
    WHERE h.id IN (SELECT s.household_id FROM survey s JOIN new_needs n ON n.survey_id = s.id) AND NOT h.needs_surveyed;
    RETURN NULL;
END $$;
CREATE TRIGGER survey_need_marks_household AFTER INSERT ON survey_need REFERENCING NEW TABLE AS new_needs
    FOR EACH STATEMENT EXECUTE FUNCTION household_mark_needs_surveyed();

-- The service never deletes a need or moves a need or survey to another household; should anything do so, the
-- households on both sides are recounted. Their rows are locked first, so the recount's own statement sees every
-- need committed before it, and a need inserted meanwhile waits for this transaction, then marks the row again.
CREATE FUNCTION household_recount_needs_surveyed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
BEGIN
    IF TG_TABLE_NAME = 'survey' THEN
        ids := ARRAY[OLD.household_id, NEW.household_id];
    ELSE
        ids := ARRAY(SELECT household_id FROM survey
                     WHERE id = OLD.survey_id OR (TG_OP = 'UPDATE' AND id = NEW.survey_id));
    END IF;
    PERFORM 1 FROM household WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE household h SET needs_surveyed = EXISTS (SELECT 1 FROM survey s JOIN survey_need n ON n.survey_id = s.id
                                                    WHERE s.household_id = h.id)
    WHERE h.id = ANY (ids);
    RETURN NULL;
END $$;
CREATE TRIGGER survey_need_recounts_household AFTER DELETE OR UPDATE OF survey_id ON survey_need
    FOR EACH ROW EXECUTE FUNCTION household_recount_needs_surveyed();
CREATE TRIGGER survey_recounts_household AFTER UPDATE OF household_id ON survey
    FOR EACH ROW EXECUTE FUNCTION household_recount_needs_surveyed();
