package org.yimeng.volunteer.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * Streams the rows of an uploaded file, one at a time, so that memory does not grow with the number of rows: the
 * first sheet of an .xlsx through POI's SAX event API, a CSV through commons-csv. Row numbers are those the worker
 * sees in the spreadsheet (1 = the first row).
 */
public final class SheetReader {
    private SheetReader() {
    }

    /** Receives each row with its cells as text (numbers exact, dates ISO); answers false to stop reading. */
    @FunctionalInterface
    public interface RowSink {
        boolean row(int rowNumber, List<String> cells);
    }

    public static void read(Path file, FileFormat format, Charset charset, RowSink target) {
        // a failure of the sink (the database, say) is not the file's fault: it passes through unchanged
        RowSink sink = (n, cells) -> {
            try {
                return target.row(n, cells);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        };
        try {
            if (format == FileFormat.XLSX) {
                xlsx(file, sink);
            } else {
                csv(file, charset, sink);
            }
        } catch (Stop stop) {
            // the sink had seen enough
        } catch (SinkFailure f) {
            throw (RuntimeException) f.getCause();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(ErrorCode.UNREADABLE_FILE, "The file cannot be read as " + format.extension
                    + (e.getClass().getSimpleName().isEmpty() ? "" : " (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private static void xlsx(Path file, RowSink sink) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ApiException(ErrorCode.UNREADABLE_FILE, "The workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(sink),
                        new ExactFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        }
    }

    private static void csv(Path file, Charset charset, RowSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), 64 * 1024)) {
            skipBom(reader);
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(false).get();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    if (!sink.row((int) record.getRecordNumber(), record.toList())) {
                        return;
                    }
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new ApiException(ErrorCode.UNREADABLE_FILE, "The CSV file is malformed (for example an unclosed quote)");
        }
    }

    private static void skipBom(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** Collects one row's cells by column (gaps stay empty: a merged region's value sits only in its first cell). */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowSink sink;
        private final List<String> cells = new ArrayList<>();
        private int nextColumn;

        Rows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            if (!sink.row(rowNum + 1, cells)) {
                throw new Stop();
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int col = reference == null ? nextColumn : new CellReference(reference).getCol();
            while (cells.size() < col) {
                cells.add(null);
            }
            cells.add(value);
            nextColumn = col + 1;
        }
    }

    /**
     * Numbers as exact digits (a phone typed as a number arrives as 1.3812345678E10 and becomes 13812345678), dates
     * as ISO dates whatever their display format. An integer beyond a double's exact range (an 18-digit ID number
     * typed as a number) has already lost digits in the file and is marked {@link Cells#IMPRECISE}.
     */
    static final class ExactFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return exact(value, formatIndex, formatString);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            return exact(value, formatIndex, formatString);
        }

        private static String exact(double value, int formatIndex, String formatString) {
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDate d = DateUtil.getLocalDateTime(value).toLocalDate();
                return d.toString();
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return "";
            }
            BigDecimal exact = new BigDecimal(value);
            if (value == Math.rint(value)) {
                String digits = exact.toBigInteger().toString();
                return Math.abs(value) >= 9.007199254740992E15 ? Cells.IMPRECISE + digits : digits;
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(null, cause, false, false);
        }
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
