package org.yimeng.volunteer.pairing;

/** ENDED pairings are kept as history, never deleted. */
public enum PairingStatus {
    ACTIVE, ENDED
}
