package org.yimeng.volunteer.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.Role;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeCalendar;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.config.ProgrammeYear;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.County;
import org.yimeng.volunteer.place.PilotState;

/**
 * The review meeting's table (pilots, households, surveys, pairings, archives, wishes, volunteers, weekly goal,
 * service minutes) per county. One SQL statement aggregates every table per county; nothing is loaded row by row.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProgressService {
    // Each aggregate filters by the county itself, so one county's review reads only its rows (before, every aggregate
    // ran city-wide and the outer WHERE dropped the other counties; see docs/hardening.md). {column} marks a filter:
    // "column = :county" for one county, TRUE city-wide. Two statements rather than one with "(:county = '' OR ...)":
    // PostgreSQL switches a statement run often to a generic plan, which cannot use the county index for that OR
    // and scanned all 1,000,000 households for one county (~200 ms instead of ~60 ms).
    // Households are counted from household_county_idx alone: archive_complete is a generated column of the row
    // (V40), where a per-household probe into the surveys used to cost 5.7 s city-wide on 1,000,000 households.
    private static final String TEMPLATE = """
            WITH comm AS (SELECT county_code, count(*) AS n, count(*) FILTER (WHERE pilot) AS pilots
                          FROM community WHERE {county_code} GROUP BY county_code),
                 hh AS (SELECT h.county_code, count(*) AS n,
                               count(*) FILTER (WHERE h.first_surveyed_on IS NOT NULL) AS surveyed,
                               count(*) FILTER (WHERE h.active_pairing_id IS NOT NULL) AS paired,
                               count(*) FILTER (WHERE h.archive_complete) AS archives
                        FROM household h
                        WHERE {h.county_code} GROUP BY h.county_code),
                 w AS (SELECT county_code, count(*) FILTER (WHERE status = 'OPEN') AS open,
                              count(*) FILTER (WHERE status = 'CLAIMED') AS claimed,
                              count(*) FILTER (WHERE status = 'FULFILLED') AS fulfilled,
                              count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
                       FROM wish WHERE {county_code} GROUP BY county_code),
                 vol AS (SELECT county_code, count(*) AS n, count(*) FILTER (WHERE status = 'ACTIVE') AS active
                         FROM volunteer WHERE {county_code} GROUP BY county_code),
                 week AS (SELECT v.county_code, count(*) AS meeting
                          FROM (SELECT volunteer_id FROM service_record
                                WHERE confirmed_by IS NOT NULL
                                  AND service_date >= :monday AND service_date < :nextMonday
                                GROUP BY volunteer_id HAVING sum(minutes) >= :goal) m
                          JOIN volunteer v ON v.id = m.volunteer_id WHERE {v.county_code}
                          GROUP BY v.county_code),
                 mins AS (SELECT c.county_code, sum(r.minutes) AS minutes
                          FROM service_record r JOIN community c ON c.id = r.community_id
                          WHERE r.confirmed_by IS NOT NULL AND {c.county_code} GROUP BY c.county_code)
            SELECT k.code, k.name, coalesce(comm.n, 0), coalesce(comm.pilots, 0),
                   coalesce(hh.n, 0), coalesce(hh.surveyed, 0), coalesce(hh.paired, 0), coalesce(hh.archives, 0),
                   coalesce(w.open, 0), coalesce(w.claimed, 0), coalesce(w.fulfilled, 0), coalesce(w.cancelled, 0),
                   coalesce(vol.n, 0), coalesce(vol.active, 0), coalesce(week.meeting, 0), coalesce(mins.minutes, 0)
            FROM county k
            LEFT JOIN comm ON comm.county_code = k.code
            LEFT JOIN hh ON hh.county_code = k.code
            LEFT JOIN w ON w.county_code = k.code
            LEFT JOIN vol ON vol.county_code = k.code
            LEFT JOIN week ON week.county_code = k.code
            LEFT JOIN mins ON mins.county_code = k.code
            WHERE {k.code}
            ORDER BY k.sort_order""";
    private static final Pattern FILTER = Pattern.compile("\\{([a-z_.]+)}");
    private static final String CITY_SQL = FILTER.matcher(TEMPLATE).replaceAll("TRUE");
    private static final String COUNTY_SQL = FILTER.matcher(TEMPLATE).replaceAll("$1 = :county");
    // The same figures per community, for one county's review ({a|b}: a = :county) or one community's (b = :community);
    // every aggregate reads through the county or community index, as above.
    private static final String COMMUNITY_TEMPLATE = """
            WITH hh AS (SELECT h.community_id, count(*) AS n,
                               count(*) FILTER (WHERE h.first_surveyed_on IS NOT NULL) AS surveyed,
                               count(*) FILTER (WHERE h.active_pairing_id IS NOT NULL) AS paired,
                               count(*) FILTER (WHERE h.archive_complete) AS archives
                        FROM household h WHERE {h.county_code|h.community_id} GROUP BY h.community_id),
                 w AS (SELECT community_id, count(*) FILTER (WHERE status = 'OPEN') AS open,
                              count(*) FILTER (WHERE status = 'CLAIMED') AS claimed,
                              count(*) FILTER (WHERE status = 'FULFILLED') AS fulfilled,
                              count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
                       FROM wish WHERE {county_code|community_id} GROUP BY community_id),
                 vol AS (SELECT community_id, count(*) AS n, count(*) FILTER (WHERE status = 'ACTIVE') AS active
                         FROM volunteer WHERE {county_code|community_id} GROUP BY community_id),
                 week AS (SELECT v.community_id, count(*) AS meeting
                          FROM (SELECT volunteer_id FROM service_record
                                WHERE confirmed_by IS NOT NULL
                                  AND service_date >= :monday AND service_date < :nextMonday
                                GROUP BY volunteer_id HAVING sum(minutes) >= :goal) m
                          JOIN volunteer v ON v.id = m.volunteer_id WHERE {v.county_code|v.community_id}
                          GROUP BY v.community_id),
                 mins AS (SELECT r.community_id, sum(r.minutes) AS minutes
                          FROM service_record r JOIN community c ON c.id = r.community_id
                          WHERE r.confirmed_by IS NOT NULL AND {c.county_code|c.id} GROUP BY r.community_id)
            SELECT c.county_code, c.id, c.name, c.pilot,
                   coalesce(hh.n, 0), coalesce(hh.surveyed, 0), coalesce(hh.paired, 0), coalesce(hh.archives, 0),
                   coalesce(w.open, 0), coalesce(w.claimed, 0), coalesce(w.fulfilled, 0), coalesce(w.cancelled, 0),
                   coalesce(vol.n, 0), coalesce(vol.active, 0), coalesce(week.meeting, 0), coalesce(mins.minutes, 0)
            FROM community c
            LEFT JOIN hh ON hh.community_id = c.id
            LEFT JOIN w ON w.community_id = c.id
            LEFT JOIN vol ON vol.community_id = c.id
            LEFT JOIN week ON week.community_id = c.id
            LEFT JOIN mins ON mins.community_id = c.id
            WHERE {c.county_code|c.id}
            ORDER BY c.name, c.id""";
    private static final Pattern EITHER = Pattern.compile("\\{([a-z_.]+)\\|([a-z_.]+)}");
    private static final String COMMUNITIES_OF_COUNTY_SQL = EITHER.matcher(COMMUNITY_TEMPLATE).replaceAll("$1 = :county");
    private static final String ONE_COMMUNITY_SQL = EITHER.matcher(COMMUNITY_TEMPLATE).replaceAll("$2 = :community");

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @Inject
    ProgrammeCalendar calendar;

    /**
     * The review city-wide, of one county ({@code countyCode}) or of one community ({@code communityId}); a
     * COMMUNITY_ADMIN reads their own community's (the default for them), a COUNTY_ADMIN their county's or one of its
     * communities'.
     */
    @SuppressWarnings("unchecked")
    public ProgressResponse progress(String countyCode, UUID communityId) {
        Target target = allowed(countyCode == null || countyCode.isBlank() ? null : countyCode.strip(), communityId);
        LocalDate monday = clock.weekStart();
        int goal = config.service().weeklyGoalMinutes();
        ProgrammeYear year = calendar.current();
        BigDecimal ratio = year.pilotTargetRatio();
        List<ProgressRow> out = new ArrayList<>();
        long[] sum = new long[14];
        if (target.community() == null) {
            String county = target.county();
            Query query = em.createNativeQuery(county == null ? CITY_SQL : COUNTY_SQL).setParameter("monday", monday)
                    .setParameter("nextMonday", monday.plusDays(7)).setParameter("goal", goal);
            if (county != null) {
                query.setParameter("county", county);
            }
            for (Object[] r : (List<Object[]>) query.getResultList()) {
                long[] n = new long[14];
                for (int i = 0; i < 14; i++) {
                    n[i] = ((Number) r[i + 2]).longValue();
                    sum[i] += n[i];
                }
                out.add(row((String) r[0], (String) r[1], n, ratio));
            }
        }
        List<CommunityProgressRow> communities = new ArrayList<>();
        if (target.county() != null || target.community() != null) {
            Query query = em.createNativeQuery(target.community() == null ? COMMUNITIES_OF_COUNTY_SQL : ONE_COMMUNITY_SQL)
                    .setParameter("monday", monday).setParameter("nextMonday", monday.plusDays(7))
                    .setParameter("goal", goal);
            if (target.community() == null) {
                query.setParameter("county", target.county());
            } else {
                query.setParameter("community", target.community());
            }
            for (Object[] r : (List<Object[]>) query.getResultList()) {
                long[] n = new long[12];
                for (int i = 0; i < 12; i++) {
                    n[i] = ((Number) r[i + 4]).longValue();
                }
                communities.add(communityRow((String) r[0], (UUID) r[1], (String) r[2], (Boolean) r[3], n));
                if (target.community() != null) {
                    // a community's review: its total is the community, as one community of the target's count
                    long[] t = {1, (Boolean) r[3] ? 1 : 0, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9],
                        n[10], n[11]};
                    System.arraycopy(t, 0, sum, 0, t.length);
                }
            }
        }
        String totalName = target.community() != null || target.county() != null ? "合计" : "全市";
        return new ProgressResponse(clock.today(), monday, ratio, goal, out, row("TOTAL", totalName, sum, ratio),
                communities, year);
    }

    /** What the caller asked for and may read: the city (both null), one county, or one community. */
    private record Target(String county, UUID community) {
    }

    /**
     * CITY_ADMIN and AUDITOR read every county, community or all; a COUNTY_ADMIN their own county and its communities;
     * a COMMUNITY_ADMIN their own community only.
     */
    private Target allowed(String requested, UUID communityId) {
        if (requested != null && County.findById(requested) == null) {
            throw ApiException.invalid("countyCode", "no such county").detail("noSuchCounty");
        }
        Community community = null;
        if (communityId != null) {
            community = Community.findById(communityId);
            if (community == null) {
                throw ApiException.invalid("communityId", "no such community");
            }
            if (requested != null && !requested.equals(community.countyCode)) {
                throw ApiException.invalid("communityId", "not a community of county " + requested);
            }
        }
        if (caller.is(Role.CITY_ADMIN) || caller.is(Role.AUDITOR)) {
            return community != null ? new Target(community.countyCode, community.id) : new Target(requested, null);
        }
        if (caller.is(Role.COUNTY_ADMIN)) {
            String own = caller.requireCounty();
            String asked = community != null ? community.countyCode : requested;
            if (asked != null && !asked.equals(own)) {
                throw ApiException.forbidden("Outside your scope");
            }
            return new Target(own, community == null ? null : community.id);
        }
        if (caller.is(Role.COMMUNITY_ADMIN)) {
            UUID own = caller.requireCommunity();
            if ((requested != null && community == null) || (community != null && !community.id.equals(own))) {
                throw ApiException.forbidden("Outside your scope: a community admin reads their community's review");
            }
            Community mine = community != null ? community : Community.findById(own);
            if (mine == null) {
                throw ApiException.forbidden("Outside your scope");
            }
            return new Target(mine.countyCode, mine.id);
        }
        throw ApiException.forbidden("Your role may not read the progress review");
    }

    private static CommunityProgressRow communityRow(String county, UUID id, String name, boolean pilot, long[] n) {
        long wishesLive = n[4] + n[5] + n[6];
        return new CommunityProgressRow(county, id, name, pilot, n[0], n[1], n[2], ratio(n[2], n[0]), n[3], n[4],
                n[5], n[6], n[7], ratio(n[6], wishesLive), n[8], n[9], n[10], ratio(n[10], n[8]), n[11]);
    }

    private static ProgressRow row(String code, String name, long[] n, BigDecimal target) {
        long communities = n[0];
        long pilots = n[1];
        long required = target.multiply(BigDecimal.valueOf(communities)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        long wishesLive = n[6] + n[7] + n[8]; // cancelled wishes are no longer owed
        PilotState state = PilotState.of(communities, pilots, required);
        return new ProgressRow(code, name, communities, pilots, required, state.meetsTarget(), n[2], n[3], n[4],
                ratio(n[4], n[2]), n[5], n[6], n[7], n[8], n[9], ratio(n[8], wishesLive), n[10], n[11], n[12],
                ratio(n[12], n[10]), n[13], state);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
