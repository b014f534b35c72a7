package org.yimeng.volunteer.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would execute are defused; quoting follows RFC 4180. */
class ProgressCsvTest {

    @Test
    void prefixesFormulaCellsAndQuotesSeparators() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", ProgressCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", ProgressCsv.cell("+1"));
        assertEquals("'-2", ProgressCsv.cell("-2"));
        assertEquals("'@SUM(A1)", ProgressCsv.cell("@SUM(A1)"));
        assertEquals("'\tx", ProgressCsv.cell("\tx"));
        assertEquals("\"'\rx\"", ProgressCsv.cell("\rx"));
        assertEquals("\"a,b\"", ProgressCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ProgressCsv.cell("say \"hi\""));
        assertEquals("\"'=1+2,3\"", ProgressCsv.cell("=1+2,3"));
        assertEquals("兰山区", ProgressCsv.cell("兰山区"));
        assertEquals("", ProgressCsv.cell(null));
    }
}
