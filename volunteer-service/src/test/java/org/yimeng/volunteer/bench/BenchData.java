package org.yimeng.volunteer.bench;

import java.sql.Connection;
import java.sql.Statement;

import org.yimeng.local.TestStack;

/**
 * Bulk loader shared by the benchmarks: writes one county's places, people and pairings straight into PostgreSQL
 * with one {@code INSERT ... SELECT generate_series} per table, in one transaction (the household's deferred
 * foreign key to its ACTIVE pairing lets the households carry {@code active_pairing_id} from the start, so no
 * UPDATE pass is needed; likewise {@code needs_surveyed} is written with the household, and the needs are inserted
 * with triggers off, so the survey_need trigger that keeps it in the service's writes does not lock every surveyed
 * household again; {@code ArchiveStateTest} covers that trigger). Every name starts with {@code tag}, so
 * {@link #delete} can remove a load again.
 *
 * <p>Shape, for household number h (1..households): community (h mod grids) / gridsPerCommunity, grid h mod grids,
 * no grid when h mod 100 = 0, surveyed when h mod 100 &lt; 85, an ACTIVE pairing when h mod 10 &lt; 7 (and it has a
 * grid), an ENDED one when h mod 10 &ge; 7 and h &le; households / 3. Volunteer v belongs to community v mod
 * communities; pairing members are volunteers of the household's own community drawn from the first 80 % of that
 * community's volunteers, so the last 20 % of each community serve no pairing (free for new pairings).
 */
final class BenchData {
    /**
     * What to load. {@code phonePrefix} ("1" and a digit 3..9, maybe more digits) must be unique per load: phones
     * are unique city-wide and the rest of the 11 digits is the volunteer's number.
     */
    record County(String code, String tag, int communities, int gridsPerCommunity, int households, int volunteers,
            String phonePrefix, boolean members, boolean surveys) {
    }

    private BenchData() {
    }

    /** Loads one county; returns the milliseconds it took (without ANALYZE: call {@link #analyze} once after). */
    static long load(County k) throws Exception {
        return load(k, null);
    }

    /**
     * As {@link #load(County)}, and when {@code subjectPrefix} is not null each volunteer v is linked to the identity
     * provider's subject {@code subjectPrefix + v} ({@code volunteer.subject}), as a resident who registered
     * themself is: RESIDENT tokens with that {@code sub} resolve to the record.
     */
    static long load(County k, String subjectPrefix) throws Exception {
        long t0 = System.currentTimeMillis();
        int grids = k.communities() * k.gridsPerCommunity();
        int perCommunity = k.volunteers() / k.communities();
        int busy = Math.max(1, perCommunity * 8 / 10);
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL synchronous_commit = off");
            st.execute("CREATE TEMP TABLE bc ON COMMIT DROP AS SELECT i, gen_random_uuid() AS id "
                    + "FROM generate_series(1, " + k.communities() + ") i");
            st.execute("INSERT INTO community (id, county_code, name, kind, created_at, updated_at) "
                    + "SELECT id, '" + k.code() + "', '" + k.tag() + "社区' || i, 'COMMUNITY', now(), now() FROM bc");
            st.execute("CREATE TEMP TABLE bg ON COMMIT DROP AS SELECT g, gen_random_uuid() AS id, bc.i AS ci, "
                    + "bc.id AS community_id FROM generate_series(1, " + grids + ") g JOIN bc ON bc.i = (g - 1) / "
                    + k.gridsPerCommunity() + " + 1");
            st.execute("INSERT INTO grid (id, community_id, name, created_at) "
                    + "SELECT id, community_id, '" + k.tag() + "网格' || g, now() FROM bg");
            st.execute("CREATE TEMP TABLE bv ON COMMIT DROP AS SELECT v, gen_random_uuid() AS id, bc.i AS ci, "
                    + "bc.id AS community_id FROM generate_series(0, " + (k.volunteers() - 1) + ") v "
                    + "JOIN bc ON bc.i = v % " + k.communities() + " + 1");
            st.execute("INSERT INTO volunteer (id, county_code, community_id, name, phone, status, skills, consent_at, "
                    + "subject, created_at, updated_at) SELECT id, '" + k.code() + "', community_id, '" + k.tag()
                    + "志愿者' || v, '" + k.phonePrefix() + "' || lpad(v::text, "
                    + (11 - k.phonePrefix().length()) + ", '0'), 'ACTIVE', '{陪伴}', now(), "
                    + (subjectPrefix == null ? "NULL" : "'" + subjectPrefix + "' || v") + ", now(), now() FROM bv");
            st.execute("CREATE TEMP TABLE bh ON COMMIT DROP AS SELECT h, gen_random_uuid() AS id, "
                    + "CASE WHEN h % 100 = 0 THEN NULL ELSE bg.id END AS grid_id, bg.ci, bg.community_id, "
                    + "CASE WHEN h % 10 < 7 AND h % 100 <> 0 THEN gen_random_uuid() END AS pairing_id "
                    + "FROM generate_series(1, " + k.households() + ") h JOIN bg ON bg.g = (h - 1)::bigint * " + grids + " / "
                    + k.households() + " + 1");
            st.execute("INSERT INTO household (id, county_code, community_id, grid_id, head_name, address, "
                    + "normalised_address, member_count, categories, first_surveyed_on, needs_surveyed, "
                    + "active_pairing_id, created_at, updated_at) SELECT id, '" + k.code() + "', community_id, grid_id, '"
                    + k.tag() + "户主' || h, '" + k.tag() + "路' || h || '号', '" + k.tag() + "路' || h || '号', 2, "
                    + "'{ELDERLY_ALONE}', "
                    + "CASE WHEN h % 100 < 85 THEN current_date - 30 END, " + k.surveys() + " AND h % 100 < 85, "
                    + "pairing_id, now(), now() FROM bh");
            st.execute("INSERT INTO pairing (id, household_id, community_id, status, created_at) "
                    + "SELECT pairing_id, id, community_id, 'ACTIVE', now() FROM bh WHERE pairing_id IS NOT NULL");
            if (k.members()) {
                st.execute("INSERT INTO pairing_member (id, pairing_id, volunteer_id, slot, joined_at) "
                        + "SELECT gen_random_uuid(), p.pairing_id, bv.id, s, now() FROM "
                        + "(SELECT pairing_id, ci, row_number() OVER (PARTITION BY ci ORDER BY h) - 1 AS kc FROM bh "
                        + "WHERE pairing_id IS NOT NULL) p CROSS JOIN generate_series(1, 2) s "
                        + "JOIN bv ON bv.v = ((2 * p.kc + s - 1) % " + busy + ") * " + k.communities() + " + p.ci - 1");
            }
            st.execute("INSERT INTO pairing (id, household_id, community_id, status, created_at, ended_at, end_reason) "
                    + "SELECT gen_random_uuid(), id, community_id, 'ENDED', now() - interval '60 days', "
                    + "now() - interval '40 days', 'bench' FROM bh WHERE h % 10 >= 7 AND h <= " + k.households() / 3);
            if (k.surveys()) {
                st.execute("CREATE TEMP TABLE bs ON COMMIT DROP AS SELECT gen_random_uuid() AS id, bh.id AS household_id "
                        + "FROM bh WHERE h % 100 < 85");
                st.execute("INSERT INTO survey (id, household_id, surveyed_on, surveyor, created_at) "
                        + "SELECT id, household_id, current_date - 30, 'bench', now() FROM bs");
                // triggers off for this statement: the households already carry needs_surveyed, and the marking
                // trigger would lock each of them again (the 1,000,000-household load took about twice as long)
                st.execute("SET LOCAL session_replication_role = replica");
                st.execute("INSERT INTO survey_need (survey_id, ordinal, type, detail) "
                        + "SELECT id, 1, 'DAILY_CARE', 'bench' FROM bs");
                st.execute("SET LOCAL session_replication_role = origin");
            }
            c.commit();
        }
        return System.currentTimeMillis() - t0;
    }

    /** Fresh statistics after a load (the planner must know the tables grew). */
    static long analyze() throws Exception {
        long t0 = System.currentTimeMillis();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE household");
            st.execute("ANALYZE");
        }
        return System.currentTimeMillis() - t0;
    }

    /**
     * Removes every row a load with this tag wrote (and anything the service added in its communities). Foreign-key
     * triggers are off for the transaction (superuser, session_replication_role = replica): with them on, each deleted
     * pairing's deferred check of household.active_pairing_id scans the household table (that column has no index of
     * its own, and the service never deletes pairings), which makes deleting a million-household load quadratic.
     */
    static long delete(String tag) throws Exception {
        long t0 = System.currentTimeMillis();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL session_replication_role = replica");
            st.execute("CREATE TEMP TABLE dc ON COMMIT DROP AS SELECT id FROM community WHERE name LIKE '" + tag + "社区%'");
            st.execute("DELETE FROM pairing_member m USING pairing p, dc WHERE m.pairing_id = p.id AND p.community_id = dc.id");
            st.execute("DELETE FROM visit v USING pairing p, dc WHERE v.pairing_id = p.id AND p.community_id = dc.id");
            st.execute("DELETE FROM pairing p USING dc WHERE p.community_id = dc.id");
            st.execute("DELETE FROM survey_need n USING survey s, household h, dc WHERE n.survey_id = s.id "
                    + "AND s.household_id = h.id AND h.community_id = dc.id");
            st.execute("DELETE FROM survey s USING household h, dc WHERE s.household_id = h.id AND h.community_id = dc.id");
            st.execute("DELETE FROM household h USING dc WHERE h.community_id = dc.id");
            st.execute("DELETE FROM volunteer v USING dc WHERE v.community_id = dc.id");
            st.execute("DELETE FROM grid g USING dc WHERE g.community_id = dc.id");
            st.execute("DELETE FROM community c USING dc WHERE c.id = dc.id");
            c.commit();
        }
        return System.currentTimeMillis() - t0;
    }
}
