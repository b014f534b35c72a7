package org.yimeng.volunteer.me;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a volunteer may change on their own record; absent fields stay as they are. */
public record UpdateMeRequest(
        @Schema(nullable = true) @Size(min = 1, max = 50) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Schema(nullable = true, description = "a grid of the volunteer's own community") UUID gridId,
        @Schema(nullable = true) @Size(max = 20) List<@jakarta.validation.constraints.NotBlank @Size(max = 40) String> skills) {
}
