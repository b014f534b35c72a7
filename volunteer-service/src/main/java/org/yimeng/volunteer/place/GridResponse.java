package org.yimeng.volunteer.place;

import java.time.Instant;
import java.util.UUID;

import org.yimeng.model.Masking;

/** A grid; the worker's phone is masked like every phone the API shows. */
public record GridResponse(UUID id, UUID communityId, String name, String workerName, String workerPhone,
        Instant createdAt) {

    static GridResponse of(Grid g) {
        return new GridResponse(g.id, g.communityId, g.name, g.workerName, Masking.phone(g.workerPhone), g.createdAt);
    }
}
