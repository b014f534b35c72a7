package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeoTest {

    @Test
    void samePointIsZeroMetresApart() {
        assertEquals(0.0, Geo.distanceMetres(35.1041, 118.3564, 35.1041, 118.3564), 1e-9);
    }

    @Test
    void oneDegreeOfLatitudeIsAbout111Kilometres() {
        // 2πR/360 with the mean radius
        assertEquals(111_195.08, Geo.distanceMetres(35, 118, 36, 118), 0.1);
    }

    @Test
    void aDegreeOfLongitudeShrinksWithTheCosineOfTheLatitude() {
        double atEquator = Geo.distanceMetres(0, 118, 0, 119);
        double atLinyi = Geo.distanceMetres(35.1, 118, 35.1, 119);
        assertEquals(atEquator * Math.cos(Math.toRadians(35.1)), atLinyi, 5);
    }

    @Test
    void linyiToJinanIsAbout205Kilometres() {
        // Linyi 35.1041 N 118.3564 E, Jinan 36.6512 N 117.1201 E
        assertEquals(205_000, Geo.distanceMetres(35.1041, 118.3564, 36.6512, 117.1201), 2_000);
    }

    @Test
    void antipodesAreHalfTheCircumference() {
        assertEquals(Math.PI * Geo.EARTH_RADIUS_M, Geo.distanceMetres(35, 118, -35, -62), 1);
    }

    @Test
    void distanceIsSymmetric() {
        assertEquals(Geo.distanceMetres(35.1, 118.3, 35.2, 118.4), Geo.distanceMetres(35.2, 118.4, 35.1, 118.3), 1e-9);
    }
}
