package org.yimeng.volunteer.imports;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One uploaded file being checked (dry run) or imported (commit), with its progress. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Mode {
        DRY_RUN, COMMIT
    }

    public enum State {
        QUEUED, RUNNING, VALIDATED, COMMITTED, FAILED;

        public boolean finished() {
            return this == VALIDATED || this == COMMITTED || this == FAILED;
        }
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ImportKind kind;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "scope_level")
    public String scopeLevel;

    @Column(name = "scope_grid_id")
    public UUID scopeGridId;

    @Column(name = "created_by")
    public String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "file_format")
    public FileFormat fileFormat;

    public String charset;

    @Column(name = "file_sha256")
    public String fileSha256;

    @Column(name = "file_bytes")
    public long fileBytes;

    @Column(name = "file_path")
    public String filePath;

    @Column(name = "source_job_id")
    public UUID sourceJobId;

    @Column(name = "rows_total")
    public Integer rowsTotal;

    @Column(name = "rows_done")
    public int rowsDone;

    @Column(name = "rows_blank")
    public int rowsBlank;

    @Column(name = "rows_valid")
    public int rowsValid;

    @Column(name = "rows_invalid")
    public int rowsInvalid;

    @Column(name = "rows_skipped")
    public int rowsSkipped;

    @Column(name = "rows_committed")
    public int rowsCommitted;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_detail")
    public String errorDetail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
