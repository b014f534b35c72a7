package org.yimeng.volunteer.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * 志愿服务记录证明 (志愿服务记录与证明出具办法 §15): service time, content, recording organisation and the code that
 * verifies it. The public verification shows the same document without the volunteer's id and ID number; a phone
 * is never part of it.
 */
public record CertificateResponse(Holder volunteer, long totalMinutes, int recordCount, List<Entry> records,
        String recordingOrganisation, String verificationCode, Instant issuedAt) {

    /** Who it certifies; {@code id} and the masked {@code idNumber} only for authenticated readers. */
    public record Holder(@Schema(nullable = true) UUID id, String name, @Schema(nullable = true) String idNumber) {
    }

    /** One service: when, how long, what, where, organised by whom. */
    public record Entry(LocalDate serviceDate, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant endedAt, int minutes, String content,
            String place, String organisation, String source) {
    }

    CertificateResponse publicView() {
        return new CertificateResponse(new Holder(null, volunteer.name(), null), totalMinutes, recordCount, records,
                recordingOrganisation, verificationCode, issuedAt);
    }
}
