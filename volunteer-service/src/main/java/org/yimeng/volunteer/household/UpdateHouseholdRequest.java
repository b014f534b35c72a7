package org.yimeng.volunteer.household;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a household: its grid (needed before pairing), phone, member count or categories. Absent fields stay
 * as they are; the head and address identify the household and are not changed here.
 */
public record UpdateHouseholdRequest(
        UUID gridId,
        @Pattern(regexp = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", message = "{org.yimeng.validation.mobileOrLandline}")
        String phone,
        @Min(1) @Max(50) Integer memberCount,
        @Size(max = 7) List<@NotNull HouseholdCategory> categories) {
}
