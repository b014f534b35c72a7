package org.yimeng.volunteer.me;

import java.util.Optional;

/**
 * The identity provider's {@code phone_number} as the service keeps phones: the 11 digits of a mainland mobile.
 * OpenID Connect recommends E.164 ({@code +8613812345678}); separators some providers add are dropped.
 */
public final class ResidentPhone {
    private ResidentPhone() {
    }

    /** The 11-digit mobile number, or empty when the claim is not a mainland mobile number. */
    public static Optional<String> normalise(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        String digits = claim.strip().replace(" ", "").replace("-", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return digits.matches("1[3-9][0-9]{9}") ? Optional.of(digits) : Optional.empty();
    }
}
