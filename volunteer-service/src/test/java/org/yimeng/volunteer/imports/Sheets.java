package org.yimeng.volunteer.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Real spreadsheet files for tests, made the way Excel and WPS make them: XLSX with text, number and date cells
 * and merged regions; CSV in UTF-8 (with or without a byte-order mark) or GBK.
 */
public final class Sheets {
    private Sheets() {
    }

    /** A date cell (number with a date format), as Excel stores a typed date. */
    public record DateCell(LocalDate date) {
    }

    /** A merged region, zero-based inclusive, as Excel stores it: the value only in the top-left cell. */
    public record Merge(int firstRow, int lastRow, int firstCol, int lastCol) {
    }

    /** An .xlsx with one sheet; a null cell is absent, a Number a numeric cell, a DateCell a formatted date. */
    public static byte[] xlsx(List<List<Object>> rows, Merge... merges) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
            Sheet sheet = wb.createSheet("Sheet1");
            for (int r = 0; r < rows.size(); r++) {
                List<Object> cells = rows.get(r);
                if (cells == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof DateCell d) {
                        cell.setCellValue(d.date());
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            for (Merge m : merges) {
                sheet.addMergedRegion(new CellRangeAddress(m.firstRow(), m.lastRow(), m.firstCol(), m.lastCol()));
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV file; a null row is an empty line. */
    public static byte[] csv(List<List<Object>> rows, Charset charset, boolean bom) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180)) {
            for (List<Object> row : rows) {
                if (row == null) {
                    p.println();
                    continue;
                }
                for (Object v : row) {
                    p.print(v == null ? "" : v instanceof DateCell d ? d.date().toString() : v.toString());
                }
                p.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = sb.toString().getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /** The cells of a downloaded XLSX's first sheet, as text. */
    public static List<List<String>> readXlsx(byte[] file) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            DataFormatter f = new DataFormatter();
            List<List<String>> out = new ArrayList<>();
            for (Row row : wb.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : f.formatCellValue(cell));
                }
                out.add(cells);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a downloaded CSV (UTF-8, the byte-order mark removed). */
    public static List<List<String>> readCsv(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord r : p) {
                out.add(r.toList());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
