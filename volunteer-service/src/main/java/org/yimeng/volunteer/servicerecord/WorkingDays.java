package org.yimeng.volunteer.servicerecord;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The recording window of 志愿服务记录与证明出具办法 §11: a service is entered within N working days of the day it
 * took place. Working days are Monday to Friday; public holidays are not modelled yet.
 */
public final class WorkingDays {
    private WorkingDays() {
    }

    /** Working days after {@code service} up to and including {@code today} (0 on the day itself). */
    public static int between(LocalDate service, LocalDate today) {
        int n = 0;
        for (LocalDate d = service.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                n++;
            }
        }
        return n;
    }

    public static boolean withinWindow(LocalDate service, LocalDate today, int windowWorkingDays) {
        return !service.isAfter(today) && between(service, today) <= windowWorkingDays;
    }
}
