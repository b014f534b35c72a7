package org.yimeng.volunteer.attendance;

/** Great-circle distance on a spherical Earth (haversine): metres are plenty for a geofence of tens of metres. */
public final class Geo {
    /** The IUGG mean Earth radius. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {
    }

    /** Metres between two points given in degrees (WGS-84 latitude and longitude, as phones report them). */
    public static double distanceMetres(double lat1, double lng1, double lat2, double lng2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        // min() guards asin against rounding just above 1 for antipodal points
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
