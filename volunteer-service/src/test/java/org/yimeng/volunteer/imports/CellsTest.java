package org.yimeng.volunteer.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimeng.kit.error.ApiException;

/** How cells, dates, charsets and file types are recognised, without a server. */
class CellsTest {

    @Test
    void cellsAreFoldedTrimmedAndLoseAnExportsApostrophe() {
        assertEquals("13812345678", Cells.clean(" １３８１２３４５６７８ "));
        assertEquals("沂蒙路 12号", Cells.clean("沂蒙路\u3000 １２号\t"));
        assertEquals("=SUM(1)", Cells.clean("'=SUM(1)"));
        assertEquals("'abc", Cells.clean("'abc"));
        assertNull(Cells.clean(" \u3000 "));
    }

    @Test
    void peoplesTextIsKeptAsTypedOnlyTrimmed() {
        assertEquals("沂蒙路１２号（３单元）\u3000２０１", Cells.typed(" 沂蒙路１２号（３单元）\u3000２０１\t"));
        assertEquals("=SUM(1)", Cells.typed("'=SUM(1)"));
        assertNull(Cells.typed(" \u3000 "));
    }

    @Test
    void datesAreReadInEveryFormWorkersUse() {
        LocalDate d = LocalDate.of(2025, 5, 18);
        for (String s : List.of("2025-05-18", "2025/5/18", "2025.5.18", "2025年5月18日", "20250518", "45795", "45795.0")) {
            assertEquals(d, Cells.date(Cells.clean(s)), s);
        }
        assertNull(Cells.date("2025-02-30"));
        assertNull(Cells.date("下周"));
    }

    @Test
    void listsSplitOnChineseAndLatinSeparators() {
        assertEquals(List.of("独居老人", "低保", "残疾", "大病"), Cells.list(Cells.clean("独居老人、低保，残疾;大病")));
        assertEquals(2, Cells.integer("2.0"));
        assertNull(Cells.integer("2.5"));
    }

    @Test
    void numbersFromExcelAreExactOrMarkedImprecise() {
        SheetReader.ExactFormatter f = new SheetReader.ExactFormatter();
        assertEquals("13812345678", f.formatRawCellContents(1.3812345678E10, 0, "General"));
        assertEquals("2.5", f.formatRawCellContents(2.5, 0, "General"));
        assertEquals("2025-05-18", f.formatRawCellContents(45795, 14, "m/d/yy"));
        assertEquals(Cells.IMPRECISE + "371302199001011008", f.formatRawCellContents(3.71302199001011E17, 0, "General"));
    }

    @Test
    void csvCharsetIsTheBomOrUtf8OrElseGbk(@TempDir Path dir) throws IOException {
        Path utf8 = Files.write(dir.resolve("a.csv"), "户主姓名\n张三\n".getBytes(StandardCharsets.UTF_8));
        Path gbk = Files.write(dir.resolve("b.csv"), "户主姓名\n张三\n".getBytes(Charset.forName("GBK")));
        Path bom = Files.write(dir.resolve("c.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'});
        assertEquals(StandardCharsets.UTF_8, FileFormat.csvCharset(utf8, null));
        assertEquals(FileFormat.GBK, FileFormat.csvCharset(gbk, null));
        assertEquals(StandardCharsets.UTF_8, FileFormat.csvCharset(bom, FileFormat.GBK));
        assertEquals(FileFormat.GBK, FileFormat.declaredCharset("text/csv; charset=gbk"));
    }

    @Test
    void fileTypeComesFromTheDeclaredTypeAndTheFirstBytes() {
        byte[] zip = {'P', 'K', 3, 4};
        assertEquals(FileFormat.XLSX, FileFormat.detect(FileFormat.XLSX.mediaType, zip));
        assertEquals(FileFormat.XLSX, FileFormat.detect("application/octet-stream", zip));
        assertEquals(FileFormat.CSV, FileFormat.detect("text/csv; charset=UTF-8", "a,b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("UNSUPPORTED_FILE_TYPE", assertThrows(ApiException.class,
                () -> FileFormat.detect("application/pdf", zip)).code().name());
        assertEquals("UNREADABLE_FILE", assertThrows(ApiException.class,
                () -> FileFormat.detect("text/csv", zip)).code().name());
    }

    @Test
    void csvCellsThatLookLikeFormulasAreDefused() {
        assertEquals("'=1+1", SheetWriter.formulaSafe("=1+1"));
        assertEquals("'+86 138", SheetWriter.formulaSafe("+86 138"));
        assertEquals("'-2", SheetWriter.formulaSafe("-2"));
        assertEquals("'@x", SheetWriter.formulaSafe("@x"));
        assertEquals("'\tx", SheetWriter.formulaSafe("\tx"));
        assertEquals("沂蒙路", SheetWriter.formulaSafe("沂蒙路"));
    }
}
