package org.yimeng.volunteer.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs the notice jobs every minute on every replica; the jobs' advisory locks let one replica work at a time, and
 * the unique key makes overlapping runs harmless. Tests turn the scheduler off and call the jobs with a fixed clock.
 */
@ApplicationScoped
public class NoticeSchedule {
    @Inject
    NoticeJobs jobs;

    @Inject
    org.yimeng.volunteer.callout.CallOuts callOuts;

    /** Notices per transaction: a city's day of reminders is many short transactions, never one long one. */
    static final int BATCH = 2_000;

    @Scheduled(every = "${notices.every:1m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        reminders();
        visitsDue();
        weeklyNudges();
        callOuts.sendNextWaves();
    }

    /** Every reminder due now, batch by batch; the number of sign-ups handled by this replica. */
    public int reminders() {
        return drain(jobs::sendReminders);
    }

    public int visitsDue() {
        return drain(jobs::sendVisitsDue);
    }

    public int weeklyNudges() {
        return drain(jobs::sendWeeklyNudges);
    }

    /** Repeats a batch while it comes back full; a batch that found the lock taken returns 0 and ends the run. */
    static int drain(java.util.function.IntUnaryOperator batch) {
        int total = 0;
        int n;
        do {
            n = batch.applyAsInt(BATCH);
            total += n;
        } while (n == BATCH);
        return total;
    }
}
