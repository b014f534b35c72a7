package org.yimeng.volunteer.me;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.volunteer.volunteer.Gender;

/**
 * A resident registering themself, with consent. There is no phone: it comes from the identity provider's verified
 * {@code phone_number}, and a {@code phone} in the body is refused (422) rather than ignored, so that a client never
 * believes it registered a number it typed.
 */
public record SelfRegistrationRequest(
        @NotBlank @Size(max = 50) String name,
        @Schema(nullable = true) @Size(max = 30) String idNumber,
        @Schema(nullable = true) Gender gender,
        @Schema(nullable = true) LocalDate birthDate,
        @NotNull UUID communityId,
        @Schema(nullable = true) UUID gridId,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills,
        @NotNull Boolean consent,
        @Schema(hidden = true) Object phone) {
}
