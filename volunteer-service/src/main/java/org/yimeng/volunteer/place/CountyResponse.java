package org.yimeng.volunteer.place;

/** A county/district or zone with its code. */
public record CountyResponse(String code, String name, String kind) {
}
