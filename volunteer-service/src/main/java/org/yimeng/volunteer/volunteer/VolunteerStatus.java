package org.yimeng.volunteer.volunteer;

/** Only ACTIVE volunteers can be paired. */
public enum VolunteerStatus {
    ACTIVE, SUSPENDED
}
