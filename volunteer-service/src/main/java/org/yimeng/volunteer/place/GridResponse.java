package org.yimeng.volunteer.place;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.model.Masking;

/** A grid; the worker's phone is masked like every phone the API shows. */
public record GridResponse(UUID id, UUID communityId, String name, @Schema(nullable = true) String workerName, @Schema(nullable = true) String workerPhone,
        Instant createdAt) {

    static GridResponse of(Grid g) {
        return new GridResponse(g.id, g.communityId, g.name, g.workerName, Masking.phone(g.workerPhone), g.createdAt);
    }
}
