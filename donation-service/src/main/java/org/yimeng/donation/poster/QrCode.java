package org.yimeng.donation.poster;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * A QR code as a grid of modules (ZXing's encoder), with the 4-module quiet zone the standard asks for. Level Q
 * (25 % recovery): a poster on a collection box gets scuffed, taped over and photographed at an angle.
 */
public final class QrCode {
    static final int QUIET_ZONE = 4;

    private QrCode() {
    }

    /** The modules of {@code text}, one per unit (dark = true), quiet zone included. */
    public static BitMatrix encode(String text) {
        try {
            // size 0 asks ZXing for one module per unit, without scaling
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, QUIET_ZONE,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }

    /**
     * The dark modules as one SVG path in module units: each horizontal run of dark modules is one rectangle, so a
     * version-3 code is about 2 KB and scales crisply to any print size.
     */
    public static String svgPath(BitMatrix m) {
        StringBuilder d = new StringBuilder();
        runs(m, (x, y, w) -> d.append('M').append(x).append(' ').append(y).append('h').append(w).append("v1h-")
                .append(w).append('z'));
        return d.toString();
    }

    /** A horizontal run of {@code width} dark modules starting at column {@code x} of row {@code y}. */
    interface Run {
        void at(int x, int y, int width);
    }

    static void runs(BitMatrix m, Run run) {
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < m.getWidth() && m.get(x, y)) {
                    x++;
                }
                run.at(start, y, x - start);
            }
        }
    }
}
