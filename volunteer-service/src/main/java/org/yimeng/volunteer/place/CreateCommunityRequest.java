package org.yimeng.volunteer.place;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.model.CommunityKind;

/** A new village or community. */
public record CreateCommunityRequest(
        @NotBlank @Size(max = 20) @Schema(description = "County code", pattern = "^[0-9]{6}$") String countyCode,
        @NotBlank @Size(max = 100) String name,
        @NotNull CommunityKind kind,
        @Pattern(regexp = "[0-9]{12}", message = "{org.yimeng.validation.communityCode}") String code) {
}
