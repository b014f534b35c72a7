package org.yimeng.model;

/** The roles of domain.md, carried in the JWT {@code groups} claim. */
public enum Role {
    VOLUNTEER, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN, AUDITOR, COLLECTOR, FINANCE,
    /** A resident signed in through the city's identity provider: {@code sub} and a verified {@code phone_number}. */
    RESIDENT;

    /** Scope claim names (api.md). */
    public static final String CLAIM_COUNTY = "county";
    public static final String CLAIM_COMMUNITY = "community";
    public static final String CLAIM_GRID = "grid";
    public static final String CLAIM_VOLUNTEER = "volunteer";
    /** Resident identity claims (OpenID Connect standard claims). */
    public static final String CLAIM_PHONE_NUMBER = "phone_number";
    public static final String CLAIM_PHONE_NUMBER_VERIFIED = "phone_number_verified";
}
