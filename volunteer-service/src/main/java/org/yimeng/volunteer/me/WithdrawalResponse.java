package org.yimeng.volunteer.me;

import java.time.Instant;
import java.util.UUID;

/** The outcome of a withdrawal of consent: the record that was erased and when. */
public record WithdrawalResponse(UUID volunteerId, Instant erasedAt) {
}
