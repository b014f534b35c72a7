package org.yimeng.volunteer.pairing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a pairing ends (moved away, needs met, ...). */
public record EndPairingRequest(@NotBlank @Size(max = 200) String reason) {
}
