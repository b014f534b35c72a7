package org.yimeng.volunteer.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.place.County;

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

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @SuppressWarnings("unchecked")
    public ProgressResponse progress(String countyCode) {
        String county = allowedCounty(countyCode == null || countyCode.isBlank() ? null : countyCode.strip());
        LocalDate monday = clock.weekStart();
        int goal = config.service().weeklyGoalMinutes();
        BigDecimal target = config.pilot().targetRatio();
        Query query = em.createNativeQuery(county == null ? CITY_SQL : COUNTY_SQL).setParameter("monday", monday)
                .setParameter("nextMonday", monday.plusDays(7)).setParameter("goal", goal);
        if (county != null) {
            query.setParameter("county", county);
        }
        List<Object[]> rows = query.getResultList();
        List<ProgressRow> out = new ArrayList<>(rows.size());
        long[] sum = new long[14];
        for (Object[] r : rows) {
            long[] n = new long[14];
            for (int i = 0; i < 14; i++) {
                n[i] = ((Number) r[i + 2]).longValue();
                sum[i] += n[i];
            }
            out.add(row((String) r[0], (String) r[1], n, target));
        }
        return new ProgressResponse(clock.today(), monday, target, goal, out, row("TOTAL",
                county == null ? "全市" : "合计", sum, target));
    }

    /** CITY_ADMIN and AUDITOR read every county (or all); a COUNTY_ADMIN reads their own county only. */
    private String allowedCounty(String requested) {
        if (requested != null && County.findById(requested) == null) {
            throw ApiException.invalid("countyCode", "no such county").detail("noSuchCounty");
        }
        if (caller.is(Role.CITY_ADMIN) || caller.is(Role.AUDITOR)) {
            return requested;
        }
        if (caller.is(Role.COUNTY_ADMIN)) {
            String own = caller.requireCounty();
            if (requested != null && !requested.equals(own)) {
                throw ApiException.forbidden("Outside your scope");
            }
            return own;
        }
        throw ApiException.forbidden("Your role may not read the progress review");
    }

    private static ProgressRow row(String code, String name, long[] n, BigDecimal target) {
        long communities = n[0];
        long pilots = n[1];
        long required = target.multiply(BigDecimal.valueOf(communities)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        long wishesLive = n[6] + n[7] + n[8]; // cancelled wishes are no longer owed
        return new ProgressRow(code, name, communities, pilots, required, pilots >= required, n[2], n[3], n[4],
                ratio(n[4], n[2]), n[5], n[6], n[7], n[8], n[9], ratio(n[8], wishesLive), n[10], n[11], n[12],
                ratio(n[12], n[10]), n[13]);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
