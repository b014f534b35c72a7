package org.yimeng.donation.piggybank;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and responses of /api/v1/piggy-banks. */
public final class PiggyBankDtos {
    private PiggyBankDtos() {
    }

    public record CreatePiggyBank(@NotNull UUID communityId, @NotBlank @Size(max = 100) String label,
            @NotBlank @Size(max = 200) String place) {
    }

    public record PiggyBankView(UUID id, String code, UUID communityId, String label, @Schema(nullable = true) String place, String status,
            Instant createdAt, @Schema(nullable = true) Instant retiredAt) {
        static PiggyBankView of(PiggyBank p) {
            return new PiggyBankView(p.id, p.code, p.communityId, p.label, p.place, p.status, p.createdAt, p.retiredAt);
        }
    }
}
