package org.yimeng.volunteer.household;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A needs survey; an empty {@code needs} records that nothing was needed at the time. */
public record CreateSurveyRequest(
        @NotNull LocalDate surveyedOn,
        @NotBlank @Size(max = 50) String surveyor,
        @NotNull @Size(max = 20) List<@Valid @NotNull NeedRequest> needs) {

    /** One need found. */
    public record NeedRequest(@NotNull NeedType type, @NotBlank @Size(max = 500) String detail) {
    }
}
