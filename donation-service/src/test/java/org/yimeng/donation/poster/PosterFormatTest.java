package org.yimeng.donation.poster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which format an Accept header gets (RFC 9110 q-values): SVG by default, PDF when preferred, else nothing (406). */
class PosterFormatTest {
    @Test
    void noHeaderOrAnythingGetsTheSvg() {
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose(null));
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose(""));
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose("*/*"));
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose("image/*"));
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose("image/svg+xml, application/pdf"));
    }

    @Test
    void pdfWhenAskedForOrPreferred() {
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("application/pdf"));
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("Application/PDF"));
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("image/svg+xml;q=0.5, application/pdf"));
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("application/*"));
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("image/svg+xml;q=0, */*;q=0.1"));
    }

    @Test
    void theMostSpecificRangeSetsAType() {
        // */* would give SVG q=1, but image/svg+xml itself says 0.2
        assertEquals(Optional.of(PosterFormat.PDF), PosterFormat.choose("*/*, image/svg+xml;q=0.2"));
        assertEquals(Optional.of(PosterFormat.SVG), PosterFormat.choose("application/pdf;q=0.3, image/*"));
    }

    @Test
    void otherTypesOrZeroQualityGetNothing() {
        assertEquals(Optional.empty(), PosterFormat.choose("text/html"));
        assertEquals(Optional.empty(), PosterFormat.choose("application/json"));
        assertEquals(Optional.empty(), PosterFormat.choose("image/png, text/*"));
        assertEquals(Optional.empty(), PosterFormat.choose("image/svg+xml;q=0, application/pdf;q=0"));
        assertEquals(Optional.empty(), PosterFormat.choose("application/pdf;q=abc"));
        assertEquals(Optional.empty(), PosterFormat.choose("application/pdf;q=7"));
    }
}
