package org.yimeng.volunteer.notice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {reminders, weeklyNudge, quietHours: {from: "21:00", to: "08:00"}}}, local time (api.md "Settled details"). */
public record PreferencesBody(@NotNull Boolean reminders, @NotNull Boolean weeklyNudge,
        @NotNull @Valid QuietHoursBody quietHours) {

    public record QuietHoursBody(
            @NotNull @Pattern(regexp = HH_MM) @Schema(example = "21:00", pattern = HH_MM) String from,
            @NotNull @Pattern(regexp = HH_MM) @Schema(example = "08:00", pattern = HH_MM) String to) {
    }

    static final String HH_MM = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    static PreferencesBody of(Preferences p) {
        return new PreferencesBody(p.reminders(), p.weeklyNudge(),
                new QuietHoursBody(p.quietHours().from().toString(), p.quietHours().to().toString()));
    }
}
