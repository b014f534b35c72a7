package org.yimeng.volunteer.wish;

/** OPEN → CLAIMED (one volunteer) → FULFILLED; OPEN or CLAIMED → CANCELLED. */
public enum WishStatus {
    OPEN, CLAIMED, FULFILLED, CANCELLED
}
