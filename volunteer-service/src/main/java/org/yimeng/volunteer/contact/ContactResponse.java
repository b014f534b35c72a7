package org.yimeng.volunteer.contact;

/** The phone number in full, for the one caller who asked for it with a reason. */
public record ContactResponse(String phone) {
}
