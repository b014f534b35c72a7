package org.yimeng.volunteer.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ProgressCsvPercentTest {
    @Test
    void ratiosArePercentagesWithTwoDecimalsAndBooleansAreShiFou() {
        assertEquals("83.33%", ProgressCsv.percent(new BigDecimal("0.8333")));
        assertEquals("100.00%", ProgressCsv.percent(BigDecimal.ONE));
        assertEquals("0.00%", ProgressCsv.percent(new BigDecimal("0.0000")));
        assertEquals("66.67%", ProgressCsv.percent(new BigDecimal("0.66666")));
        assertEquals("是", ProgressCsv.yesNo(true));
        assertEquals("否", ProgressCsv.yesNo(false));
    }
}
