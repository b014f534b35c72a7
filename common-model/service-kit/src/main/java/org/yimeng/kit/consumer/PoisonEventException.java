package org.yimeng.kit.consumer;

/** A record that can never be applied (bad content, a reference that will never exist): sent to the DLQ, not retried. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason, null, false, false);
    }
}
