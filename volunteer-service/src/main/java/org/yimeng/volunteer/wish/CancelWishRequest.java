package org.yimeng.volunteer.wish;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the wish is withdrawn. */
public record CancelWishRequest(@NotBlank @Size(max = 500) String reason) {
}
