package org.yimeng.volunteer.callout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of call-outs. */
public final class CallOutResponses {
    private CallOutResponses() {
    }

    /** 202 of POST call-out: who was asked now. */
    public record Started(UUID callOutId, List<Asked> asked) {
    }

    public record Asked(UUID volunteerId, int wave) {
    }

    /** The organiser's view: who was asked, in which wave, who answered, how and how fast. */
    public record Status(UUID callOutId, UUID activityId, int waveSize, int waves, int freePlaces, List<Ask> asked) {
    }

    public record Ask(UUID volunteerId, String name, int wave, Instant askedAt, @Schema(nullable = true) String answer,
            @Schema(nullable = true) Instant answeredAt,
            @Schema(nullable = true, description = "seconds from the ask to the answer") Long answerSeconds) {
    }

    /** A call-out as the asked volunteer sees it. */
    public record Mine(UUID callOutId, UUID activityId, String title, String place, Instant startsAt, Instant endsAt,
            int wave, Instant askedAt, @Schema(nullable = true) String answer, @Schema(nullable = true) Instant answeredAt,
            boolean open) {
    }
}
