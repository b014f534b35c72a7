package org.yimeng.volunteer.place;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new grid of a community, with its grid worker's contact if known. */
public record CreateGridRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 50) String workerName,
        @Pattern(regexp = "1[3-9][0-9]{9}", message = "{org.yimeng.validation.mobile}") String workerPhone) {
}
