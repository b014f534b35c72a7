package org.yimeng.volunteer.activity;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an organiser may change (api.md): time, place, capacity, title; an absent field stays as it is. */
public record ChangeActivityRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*") String title,
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*") String place,
        Instant startsAt,
        Instant endsAt,
        @Min(1) @Max(10000) Integer capacity) {
}
