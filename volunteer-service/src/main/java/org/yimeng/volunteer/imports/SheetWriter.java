package org.yimeng.volunteer.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes rows to a CSV or XLSX stream without holding them: CSV as UTF-8 with a byte-order mark (so that Excel
 * shows Chinese correctly), XLSX through SXSSF (100 rows in memory, the rest in a temporary file). The first row is
 * the header, bold in XLSX. Text is always written as text, never as a formula.
 */
public abstract class SheetWriter implements AutoCloseable {

    public static SheetWriter open(FileFormat format, OutputStream out, String sheetName) {
        return format == FileFormat.CSV ? new Csv(out) : new Xlsx(out, sheetName);
    }

    /** One row; a Number becomes a numeric cell in XLSX, anything else text; null an empty cell. */
    public abstract void row(List<?> cells);

    @Override
    public abstract void close();

    /**
     * A CSV cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets
     * a leading apostrophe (OWASP's advice against CSV injection); imports drop it again.
     */
    public static String formulaSafe(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static final class Csv extends SheetWriter {
        private final CSVPrinter printer;

        Csv(OutputStream out) {
            try {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write('\uFEFF');
                printer = new CSVPrinter(w, CSVFormat.RFC4180);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<?> cells) {
            try {
                for (Object c : cells) {
                    printer.print(c == null ? "" : c instanceof Number ? c.toString() : formulaSafe(c.toString()));
                }
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                printer.close(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Xlsx extends SheetWriter {
        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final SXSSFSheet sheet;
        private final CellStyle bold;
        private int next;

        Xlsx(OutputStream out, String sheetName) {
            this.out = out;
            workbook.setCompressTempFiles(true);
            sheet = workbook.createSheet(sheetName);
            Font font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
        }

        @Override
        public void row(List<?> cells) {
            Row row = sheet.createRow(next);
            for (int i = 0; i < cells.size(); i++) {
                Object v = cells.get(i);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else {
                    cell.setCellValue(v.toString());
                }
                if (next == 0) {
                    cell.setCellStyle(bold);
                }
            }
            next++;
        }

        @Override
        public void close() {
            try {
                workbook.write(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    workbook.close();
                } catch (IOException e) {
                    // the temporary files are gone with close(); nothing else to release
                }
            }
        }
    }
}
