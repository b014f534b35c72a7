package org.yimeng.model;

/**
 * The names of {@link Role} as compile-time constants, for {@code @RolesAllowed}: an annotation takes only constant
 * expressions, which an enum's {@code name()} and a {@code static final String[]} are not. A set of roles is written
 * where it is used, as an array of these ({@code @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN })}), so that a typo is
 * a compile error and each endpoint's set stays readable at the endpoint. {@code RolesTest} keeps them equal to the
 * enum.
 */
public final class Roles {
    public static final String VOLUNTEER = "VOLUNTEER";
    public static final String GRID_WORKER = "GRID_WORKER";
    public static final String COMMUNITY_ADMIN = "COMMUNITY_ADMIN";
    public static final String COUNTY_ADMIN = "COUNTY_ADMIN";
    public static final String CITY_ADMIN = "CITY_ADMIN";
    public static final String AUDITOR = "AUDITOR";
    public static final String COLLECTOR = "COLLECTOR";
    public static final String FINANCE = "FINANCE";
    public static final String RESIDENT = "RESIDENT";

    private Roles() {
    }
}
