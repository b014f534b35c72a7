package org.yimeng.volunteer.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The downloadable templates. XLSX: the first sheet holds only the header row, with every column formatted as text
 * so that Excel keeps ID numbers and phones as typed; a second sheet "填写说明" explains each column with an example
 * (only the first sheet is imported). CSV: the header row, UTF-8 with a byte-order mark.
 */
final class TemplateFiles {
    private TemplateFiles() {
    }

    static void write(Template template, FileFormat format, OutputStream out) {
        if (format == FileFormat.CSV) {
            try (SheetWriter w = SheetWriter.open(FileFormat.CSV, out, "data")) {
                w.row(template.headers());
            }
            return;
        }
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            CellStyle bold = wb.createCellStyle();
            bold.cloneStyleFrom(text);
            bold.setFont(boldFont);
            Sheet data = wb.createSheet(sheetName(template.kind()));
            Row header = data.createRow(0);
            List<Template.Column> columns = template.columns();
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).header());
                header.getCell(i).setCellStyle(bold);
                data.setDefaultColumnStyle(i, text);
                data.setColumnWidth(i, 18 * 256);
            }
            data.createFreezePane(0, 1);
            Sheet help = wb.createSheet("填写说明");
            Row h = help.createRow(0);
            String[] titles = {"列", "是否必填", "示例", "说明"};
            for (int i = 0; i < titles.length; i++) {
                h.createCell(i).setCellValue(titles[i]);
                h.getCell(i).setCellStyle(bold);
            }
            for (int i = 0; i < columns.size(); i++) {
                Template.Column c = columns.get(i);
                Row r = help.createRow(i + 1);
                r.createCell(0).setCellValue(c.header());
                r.createCell(1).setCellValue(c.required() ? "必填" : "选填");
                r.createCell(2).setCellValue(c.example());
                r.createCell(3).setCellValue(c.note());
            }
            Row last = help.createRow(columns.size() + 2);
            last.createCell(0).setCellValue("只导入第一个工作表；第一行为表头，空行会被跳过；“序号”“备注”列会被忽略。");
            help.setColumnWidth(0, 16 * 256);
            help.setColumnWidth(2, 24 * 256);
            help.setColumnWidth(3, 60 * 256);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sheetName(ImportKind kind) {
        return switch (kind) {
            case HOUSEHOLDS -> "困难家庭";
            case VOLUNTEERS -> "志愿者";
            case SURVEYS -> "需求摸底";
        };
    }
}
