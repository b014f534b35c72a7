package org.yimeng.volunteer.imports;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An import job as the API shows it. {@code rowsDone} counts the data rows read so far (blank rows apart);
 * {@code rowsValid} the rows that pass every check (a dry run) or were added (a commit, equal to
 * {@code rowsCommitted}); {@code rowsInvalid} the rows with at least one error; {@code rowsSkipped} the rows
 * whose record is already in the database. {@code rowsTotal} is known once the whole file has been read.
 */
public record ImportJobResponse(UUID id, String kind, ImportJob.Mode mode, ImportJob.State state, @Schema(nullable = true) UUID communityId,
        String format, @Schema(nullable = true) String charset, String fileSha256, long fileBytes, @Schema(nullable = true) UUID sourceJobId, @Schema(nullable = true) Integer rowsTotal,
        int rowsDone, int rowsBlank, int rowsValid, int rowsInvalid, int rowsSkipped, int rowsCommitted,
        @Schema(nullable = true) String errorCode, @Schema(nullable = true) String errorDetail, Instant createdAt, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant finishedAt, String report) {

    static ImportJobResponse of(ImportJob j) {
        return new ImportJobResponse(j.id, j.kind.path(), j.mode, j.state, j.communityId, j.fileFormat.extension,
                j.charset, j.fileSha256, j.fileBytes, j.sourceJobId, j.rowsTotal, j.rowsDone, j.rowsBlank, j.rowsValid,
                j.rowsInvalid, j.rowsSkipped, j.rowsCommitted, j.errorCode, j.errorDetail, j.createdAt, j.startedAt,
                j.finishedAt, "/api/v1/imports/" + j.id + "/report");
    }
}
