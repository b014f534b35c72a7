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

    @Scheduled(every = "${notices.every:1m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        jobs.sendReminders();
        jobs.sendVisitsDue();
        jobs.sendWeeklyNudges();
        callOuts.sendNextWaves();
    }
}
