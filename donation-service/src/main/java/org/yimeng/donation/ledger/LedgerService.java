package org.yimeng.donation.ledger;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * Disbursements and reversals: both append through the {@link LedgerWriter}, which refuses any that would take a
 * community fund below zero (422 INSUFFICIENT_FUNDS) and any second reversal of an entry (409 ALREADY_REVERSED).
 */
@ApplicationScoped
public class LedgerService {
    private static final long WAIT_SECONDS = 30;

    @Inject
    LedgerWriter writer;

    /**
     * Pays {@code amountFen} from the community's fund to the activity, once per {@code requestId}: asking again with
     * the same id answers the first entry ({@code replayed}) or the same refusal if the fund still cannot pay.
     */
    public CompletableFuture<Posted> disburse(UUID communityId, UUID activityId, long amountFen, String purpose,
            UUID requestId) {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(requestId, "requestId");
        if (amountFen < 1) {
            throw ApiException.invalid("amountFen", "must be at least 1").detail("atLeast1");
        }
        return writer.submit(new LedgerCommand.Disburse(requestId, communityId, activityId, amountFen,
                purpose == null ? "" : purpose, new CompletableFuture<>()));
    }

    public CompletableFuture<Posted> reverse(UUID entryId, String reason, String requestedBy) {
        return writer.submit(new LedgerCommand.Reverse(entryId, reason, requestedBy, new CompletableFuture<>()));
    }

    /** Waits for a queued append, rethrowing its rule violation as it was raised. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The ledger did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted");
        }
    }
}
