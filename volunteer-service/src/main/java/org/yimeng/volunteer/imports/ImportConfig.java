package org.yimeng.volunteer.imports;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and places of spreadsheet imports ({@code imports.*}). */
@ConfigMapping(prefix = "imports")
public interface ImportConfig {
    /** Where uploaded files wait to be processed and committed; defaults to a directory under java.io.tmpdir. */
    Optional<String> directory();

    /** Largest accepted upload in bytes (413 FILE_TOO_LARGE above). */
    @WithDefault("20971520")
    long maxFileBytes();

    /** Background workers; each holds at most one batch of rows in memory. */
    @WithDefault("2")
    int workers();

    /** Jobs waiting for a worker before new uploads are refused with 503. */
    @WithDefault("50")
    int queue();

    /** Rows per batch: checked against the database together and committed in one transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long an upload waits for its job before answering; a small file is usually finished by then. */
    @WithDefault("10s")
    Duration syncWait();

    /** A queued or running job without progress for this long was interrupted (e.g. by a restart): FAILED. */
    @WithDefault("5m")
    Duration staleAfter();

    /** Uploaded files of dry runs are kept this long for a later commit. */
    @WithDefault("24h")
    Duration keepFilesFor();
}
