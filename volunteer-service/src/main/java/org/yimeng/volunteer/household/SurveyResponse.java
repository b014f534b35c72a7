package org.yimeng.volunteer.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A recorded needs survey. */
public record SurveyResponse(UUID id, UUID householdId, LocalDate surveyedOn, String surveyor, List<NeedResponse> needs,
        Instant createdAt) {

    /** One need. */
    public record NeedResponse(NeedType type, String detail) {
    }

    static SurveyResponse of(Survey s) {
        return new SurveyResponse(s.id, s.householdId, s.surveyedOn, s.surveyor,
                s.needs.stream().map(n -> new NeedResponse(n.type, n.detail)).toList(), s.createdAt);
    }
}
