package org.yimeng.model;

/** The roles of domain.md, carried in the JWT {@code groups} claim. */
public enum Role {
    VOLUNTEER, GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN, AUDITOR, COLLECTOR, FINANCE;

    /** Scope claim names (api.md). */
    public static final String CLAIM_COUNTY = "county";
    public static final String CLAIM_COMMUNITY = "community";
    public static final String CLAIM_GRID = "grid";
    public static final String CLAIM_VOLUNTEER = "volunteer";
}
