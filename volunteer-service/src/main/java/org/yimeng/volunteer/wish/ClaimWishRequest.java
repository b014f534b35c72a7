package org.yimeng.volunteer.wish;

import java.util.UUID;


/** The volunteer who takes the wish on; a volunteer (or linked resident) omits it to claim for themself. */
public record ClaimWishRequest(@org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) UUID volunteerId) {
}
