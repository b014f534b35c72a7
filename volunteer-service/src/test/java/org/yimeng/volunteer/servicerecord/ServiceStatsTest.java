package org.yimeng.volunteer.servicerecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.config.ProgrammeConfig;

/** Star levels and the weekly goal come from configuration. */
class ServiceStatsTest {

    private static ServiceStats with(List<Integer> thresholdsHours, int weeklyGoal) {
        ProgrammeConfig.Service service = (ProgrammeConfig.Service) Proxy.newProxyInstance(
                ServiceStatsTest.class.getClassLoader(), new Class<?>[] {ProgrammeConfig.Service.class},
                (p, m, a) -> switch (m.getName()) {
                    case "starThresholdsHours" -> thresholdsHours;
                    case "weeklyGoalMinutes" -> weeklyGoal;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ServiceStats stats = new ServiceStats();
        stats.config = (ProgrammeConfig) Proxy.newProxyInstance(ServiceStatsTest.class.getClassLoader(),
                new Class<?>[] {ProgrammeConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("service")) {
                        return service;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return stats;
    }

    @Test
    void starLevelCountsTheConfiguredThresholdsReached() {
        ServiceStats linyi = with(List.of(100, 300, 600, 1000, 1500), 60);
        assertEquals(0, linyi.stats(100 * 60 - 1, 0).starLevel());
        assertEquals(1, linyi.stats(100 * 60, 0).starLevel());
        assertEquals(3, linyi.stats(999 * 60, 0).starLevel());
        assertEquals(5, linyi.stats(2000 * 60, 0).starLevel());
        ServiceStats other = with(List.of(1, 2), 30);
        assertEquals(2, other.stats(120, 0).starLevel());
        assertTrue(other.stats(120, 30).weeklyGoalMet());
        assertFalse(linyi.stats(120, 59).weeklyGoalMet());
    }
}
