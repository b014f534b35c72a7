package org.yimeng.donation.ledger;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 rows. A cell that a spreadsheet would run as a formula (starting with = + - @ tab or CR) is prefixed
 * with an apostrophe; ledger fields never start that way, so exports stay byte-for-byte what the hash needs.
 */
final class Csv {
    private Csv() {
    }

    static void row(Writer w, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            cell(w, cells[i]);
        }
        w.write("\r\n");
    }

    static void cell(Writer w, String v) throws IOException {
        if (v == null || v.isEmpty()) {
            return;
        }
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            w.write(v);
            return;
        }
        w.write('"');
        w.write(v.replace("\"", "\"\""));
        w.write('"');
    }
}
