package org.yimeng.volunteer.imports;

/**
 * One problem of one row of an uploaded file: the row number and column header as the worker sees them, a stable
 * code (an error code of the API, e.g. INVALID_ID_NUMBER, or DUPLICATE_SURVEY / UNKNOWN_HOUSEHOLD of the import),
 * a message that never shows a full phone or ID number, and whether the row is rejected (ERROR) or left out
 * because its record is already in the database (SKIPPED).
 */
public record RowIssue(int row, String column, String code, String message, Outcome outcome) {

    public enum Outcome {
        ERROR, SKIPPED
    }
}
