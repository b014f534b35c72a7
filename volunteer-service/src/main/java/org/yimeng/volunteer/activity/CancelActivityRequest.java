package org.yimeng.volunteer.activity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the activity is cancelled; every signed-up volunteer reads it. */
public record CancelActivityRequest(@NotBlank @Size(max = 500) String reason) {
}
