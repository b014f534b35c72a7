package org.yimeng.volunteer.volunteer;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A change of status, grid or skills; absent fields stay as they are. */
public record UpdateVolunteerRequest(
        VolunteerStatus status,
        UUID gridId,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills) {
}
