package org.yimeng.volunteer.attendance;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An appeal and, once decided, who decided it and what it changed. */
public record AppealResponse(UUID id, UUID activityId, UUID volunteerId, UUID communityId,
        @Schema(nullable = true, description = "set when the check-in was forgotten too") Instant checkedInAt,
        Instant checkedOutAt, String reason, AppealStatus status, Instant filedAt,
        @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy,
        @Schema(nullable = true) String decisionNote,
        @Schema(nullable = true, description = "the sign-up's check-in before the approval") Instant previousCheckedInAt,
        @Schema(nullable = true, description = "the sign-up's check-out before the approval") Instant previousCheckedOutAt,
        @Schema(nullable = true, description = "the service record the approval wrote (activity already completed)")
        UUID serviceRecordId) {

    static AppealResponse of(AttendanceAppeal p) {
        return new AppealResponse(p.id, p.activityId, p.volunteerId, p.communityId, p.checkedInAt, p.checkedOutAt,
                p.reason, p.status, p.filedAt, p.decidedAt, p.decidedBy, p.decisionNote, p.previousCheckedInAt,
                p.previousCheckedOutAt, p.serviceRecordId);
    }
}
