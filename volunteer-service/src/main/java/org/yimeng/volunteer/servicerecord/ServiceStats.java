package org.yimeng.volunteer.servicerecord;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;

/** Confirmed service time per volunteer: total, this ISO week, star level and the weekly goal (domain.md). */
@ApplicationScoped
public class ServiceStats {
    @Inject
    EntityManager em;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    /** One volunteer's figures. */
    public record Stats(long totalMinutes, int starLevel, long weekMinutes, boolean weeklyGoalMet) {
    }

    /** The figures of many volunteers in one aggregate query (a list page). */
    @SuppressWarnings("unchecked")
    public Map<UUID, Stats> of(Collection<UUID> volunteerIds) {
        Map<UUID, Stats> out = new HashMap<>();
        if (volunteerIds.isEmpty()) {
            return out;
        }
        LocalDate monday = clock.weekStart();
        List<Object[]> rows = em.createNativeQuery("SELECT volunteer_id, sum(minutes), "
                + "coalesce(sum(minutes) FILTER (WHERE service_date >= ?2 AND service_date < ?3), 0) "
                + "FROM service_record WHERE volunteer_id IN (?1) AND confirmed_by IS NOT NULL GROUP BY volunteer_id")
                .setParameter(1, volunteerIds).setParameter(2, monday).setParameter(3, monday.plusDays(7))
                .getResultList();
        for (Object[] r : rows) {
            out.put((UUID) r[0], stats(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        for (UUID id : volunteerIds) {
            out.putIfAbsent(id, stats(0, 0));
        }
        return out;
    }

    public Stats of(UUID volunteerId) {
        return of(List.of(volunteerId)).get(volunteerId);
    }

    Stats stats(long total, long week) {
        int stars = 0;
        for (int hours : config.service().starThresholdsHours()) {
            if (total >= hours * 60L) {
                stars++;
            }
        }
        return new Stats(total, stars, week, week >= config.service().weeklyGoalMinutes());
    }
}
