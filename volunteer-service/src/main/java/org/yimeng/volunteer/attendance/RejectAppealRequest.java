package org.yimeng.volunteer.attendance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the organiser refuses an appeal (the volunteer reads it). */
public record RejectAppealRequest(@NotBlank @Size(max = 500) String reason) {
}
