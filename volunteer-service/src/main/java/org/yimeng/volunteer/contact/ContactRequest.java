package org.yimeng.volunteer.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the caller must phone this person (kept in the audit trail as typed). */
public record ContactRequest(@NotBlank @Size(max = 500) String reason) {
}
