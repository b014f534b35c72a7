package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

class QrSvgTest {

    @Test
    void theSvgDecodesBackToThePayload() throws Exception {
        String payload = AttendanceCode.payload(java.util.UUID.randomUUID(), "01234567");
        String svg = QrSvg.of(payload);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        // rasterise the path's unit squares (4 px each) and read it back with ZXing's decoder
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find());
        int w = Integer.parseInt(box.group(1));
        int scale = 4;
        int[] pixels = new int[w * scale * w * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * w * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(w * scale, w * scale, pixels);
        assertEquals(payload, new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
    }
}
