package org.yimeng.volunteer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/** The two file types a worker may upload, recognised from the declared type and the file's first bytes. */
public enum FileFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    CSV("text/csv", "csv");

    public final String mediaType;
    public final String extension;

    FileFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** GBK files are decoded as GB18030, its superset, so that no character a worker typed is lost. */
    public static final Charset GBK = Charset.forName("GB18030");

    public static FileFormat ofQuery(String format) {
        if (format == null || format.isBlank()) {
            return XLSX;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "xlsx" -> XLSX;
            case "csv" -> CSV;
            default -> throw ApiException.invalid("format", "must be xlsx or csv").detail("xlsxOrCsv");
        };
    }

    /**
     * The format of an upload: XLSX is a ZIP file (PK), CSV is text. An old binary .xls (OLE2) or any other type is
     * 415 UNSUPPORTED_FILE_TYPE; a body that contradicts its declared type is 422 UNREADABLE_FILE.
     */
    public static FileFormat detect(String contentType, byte[] head) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole2 = head.length >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF
                && (head[2] & 0xff) == 0x11 && (head[3] & 0xff) == 0xE0;
        if (ole2) {
            throw new ApiException(ErrorCode.UNSUPPORTED_FILE_TYPE,
                    "Old .xls workbooks (and password-protected files) are not accepted; save the sheet as .xlsx or CSV")
                    .detail("xls");
        }
        switch (type) {
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                if (!zip) {
                    throw new ApiException(ErrorCode.UNREADABLE_FILE, "The body is not an .xlsx workbook");
                }
                return XLSX;
            case "text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel":
                if (zip) {
                    throw new ApiException(ErrorCode.UNREADABLE_FILE, "The body is a ZIP file, not CSV text");
                }
                return CSV;
            case "application/octet-stream":
                if (zip) {
                    return XLSX;
                }
                break;
            default:
                break;
        }
        throw new ApiException(ErrorCode.UNSUPPORTED_FILE_TYPE, "Upload an .xlsx workbook (" + XLSX.mediaType
                + ") or a CSV file (text/csv; charset=UTF-8 or GBK); got " + (type.isEmpty() ? "no Content-Type" : type));
    }

    /** The charset named by a Content-Type's charset parameter, or null. */
    public static Charset declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    Charset cs = Charset.forName(name);
                    return cs.name().equals("GBK") || cs.name().equals("GB2312") ? GBK : cs;
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ApiException(ErrorCode.UNSUPPORTED_FILE_TYPE, "Unknown charset " + name + "; use UTF-8 or GBK");
                }
            }
        }
        return null;
    }

    /**
     * A CSV file's charset: a UTF-8 byte-order mark wins; then the declared charset; then UTF-8 when the whole file
     * decodes as UTF-8, else GBK (what Excel on a Chinese Windows writes).
     */
    public static Charset csvCharset(Path file, Charset declared) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bom = in.readNBytes(3);
            if (bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF) {
                return StandardCharsets.UTF_8;
            }
        }
        if (declared != null) {
            return declared;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            byte[] chunk = new byte[32 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                bytes.put(chunk, 0, n).flip();
                chars.clear();
                if (utf8.decode(bytes, chars, false).isError()) {
                    return GBK;
                }
                bytes.compact();
            }
            bytes.flip();
            chars.clear();
            if (utf8.decode(bytes, chars, true).isError() || utf8.flush(chars).isError()) {
                return GBK;
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GBK;
        }
    }
}
