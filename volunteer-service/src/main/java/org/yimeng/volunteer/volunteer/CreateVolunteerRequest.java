package org.yimeng.volunteer.volunteer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Registration of a volunteer; {@code consent} must be true (志愿服务记录与证明出具办法 §6). */
public record CreateVolunteerRequest(
        @NotBlank @Size(max = 50) String name,
        @NotNull @Pattern(regexp = "1[3-9][0-9]{9}", message = "{org.yimeng.validation.mobile}") String phone,
        @Size(max = 30) @Schema(description = "18-character resident ID number (GB 11643)", pattern = "^\\s*[0-9]{17}[0-9Xx]\\s*$") String idNumber,
        Gender gender,
        LocalDate birthDate,
        @NotNull UUID communityId,
        UUID gridId,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills,
        @NotNull Boolean consent) {
}
