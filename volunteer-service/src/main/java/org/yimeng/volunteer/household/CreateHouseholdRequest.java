package org.yimeng.volunteer.household;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A household in difficulty, as a village or community worker records it. */
public record CreateHouseholdRequest(
        @NotNull UUID communityId,
        UUID gridId,
        @NotBlank @Size(max = 50) String headName,
        @Size(max = 30) @Schema(description = "18-character resident ID number (GB 11643)", pattern = "^\\s*[0-9]{17}[0-9Xx]\\s*$") String headIdNumber,
        @Pattern(regexp = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", message = "{org.yimeng.validation.mobileOrLandline}")
        String phone,
        @NotBlank @Size(max = 200) String address,
        @NotNull @Min(1) @Max(50) Integer memberCount,
        @NotNull @Size(max = 7) List<@NotNull HouseholdCategory> categories) {
}
