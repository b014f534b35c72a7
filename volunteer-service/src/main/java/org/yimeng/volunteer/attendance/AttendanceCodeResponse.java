package org.yimeng.volunteer.attendance;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The organiser's current attendance code and what to show: the QR of {@code payload}. */
public record AttendanceCodeResponse(
        UUID activityId,
        @Schema(description = "8 digits, current until validUntil; the previous step's code is still accepted")
        String code,
        @Schema(description = "what the QR encodes and the app sends back as code: yimeng:attend:<activityId>:<code>")
        String payload,
        Instant validUntil,
        long stepSeconds,
        @Schema(description = "the QR code of payload as an SVG document")
        String qrSvg) {
}
