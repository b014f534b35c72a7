package org.yimeng.volunteer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.PlaceService;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Locks;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Uploads, jobs and their reports. An upload is streamed to disk (SHA-256 and size on the way, 413 above the
 * limit), recognised (415/422), its header row checked against the template (422 WRONG_TEMPLATE) and then
 * processed by {@link ImportRunner} in the background; the request waits a few seconds so that a small file
 * answers finished.
 */
@ApplicationScoped
public class ImportService {
    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    PlaceService places;

    @Inject
    BusinessClock clock;

    @Inject
    ImportConfig config;

    @Inject
    ImportRunner runner;

    /** A job and whether it is an earlier commit of the same file (nothing new was started). */
    public record Submitted(ImportJobResponse job, boolean replayed) {
    }

    public Submitted upload(ImportKind kind, ImportJob.Mode mode, UUID communityId, String contentType, InputStream body) {
        Access access = scope.access();
        Community community = targetCommunity(access, communityId);
        Path dir = directory();
        Path part;
        String sha;
        long size;
        try {
            part = Files.createTempFile(dir, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                size = copyAtMost(body, out, config.maxFileBytes());
            }
            sha = HexFormat.of().formatHex(digest.digest());
            if (size == 0) {
                throw new ApiException(ErrorCode.UNREADABLE_FILE, "The body is empty; send the file as the request body");
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(part)) {
                head = in.readNBytes(8);
            }
            FileFormat format = FileFormat.detect(contentType, head);
            Charset charset = format == FileFormat.CSV
                    ? FileFormat.csvCharset(part, FileFormat.declaredCharset(contentType)) : null;
            checkHeader(part, format, charset, Template.of(kind));
            long bytes = size;
            Submitted s = QuarkusTransaction.requiringNew().call(() -> {
                removeOldFiles();
                if (mode == ImportJob.Mode.COMMIT) {
                    ImportJob earlier = earlierCommit(kind, community.id, sha);
                    if (earlier != null) {
                        return new Submitted(ImportJobResponse.of(earlier), true);
                    }
                }
                ImportJob job = new ImportJob();
                job.id = Ids.newId();
                job.kind = kind;
                job.mode = mode;
                job.state = ImportJob.State.QUEUED;
                job.countyCode = community.countyCode;
                job.communityId = community.id;
                job.scopeLevel = access.level().name();
                job.scopeGridId = access.level() == Access.Level.GRID ? access.gridId() : null;
                job.createdBy = caller.subject();
                job.fileFormat = format;
                job.charset = charset == null ? null : charset.name();
                job.fileSha256 = sha;
                job.fileBytes = bytes;
                Path stored = dir.resolve(job.id + "." + format.extension);
                Files.move(part, stored, StandardCopyOption.ATOMIC_MOVE);
                job.filePath = stored.toString();
                job.createdAt = clock.now();
                job.heartbeatAt = job.createdAt;
                job.persist();
                return new Submitted(ImportJobResponse.of(job), false);
            });
            if (s.replayed()) {
                return s;
            }
            return new Submitted(await(runner.submit(s.job().id(), access), s.job().id()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            ImportRunner.deleteQuietly(part);
        }
    }

    /** Commits a finished dry run: a new COMMIT job over the same file, which checks every row again. */
    public Submitted commit(UUID dryRunId) {
        Access access = scope.access();
        Submitted s = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob dry = visible(dryRunId);
            if (dry.mode != ImportJob.Mode.DRY_RUN || dry.state != ImportJob.State.VALIDATED) {
                throw new ApiException(ErrorCode.IMPORT_NOT_COMMITTABLE, "Only a finished dry run can be committed; this job is "
                        + dry.mode + " " + dry.state).with("state", dry.state);
            }
            ImportJob earlier = earlierCommit(dry.kind, dry.communityId, dry.fileSha256);
            if (earlier != null) {
                return new Submitted(ImportJobResponse.of(earlier), true);
            }
            if (dry.filePath == null || !Files.exists(Path.of(dry.filePath))) {
                throw new ApiException(ErrorCode.IMPORT_NOT_COMMITTABLE,
                        "The file of this dry run is no longer kept; upload it again with mode=commit");
            }
            ImportJob job = new ImportJob();
            job.id = Ids.newId();
            job.kind = dry.kind;
            job.mode = ImportJob.Mode.COMMIT;
            job.state = ImportJob.State.QUEUED;
            job.countyCode = dry.countyCode;
            job.communityId = dry.communityId;
            job.scopeLevel = access.level().name();
            job.scopeGridId = access.level() == Access.Level.GRID ? access.gridId() : null;
            job.createdBy = caller.subject();
            job.fileFormat = dry.fileFormat;
            job.charset = dry.charset;
            job.fileSha256 = dry.fileSha256;
            job.fileBytes = dry.fileBytes;
            job.filePath = dry.filePath;
            job.sourceJobId = dry.id;
            job.createdAt = clock.now();
            job.heartbeatAt = job.createdAt;
            job.persist();
            return new Submitted(ImportJobResponse.of(job), false);
        });
        if (s.replayed()) {
            return s;
        }
        return new Submitted(await(runner.submit(s.job().id(), access), s.job().id()), false);
    }

    /** The job, if the caller may see it; one that stopped making progress is marked FAILED first. */
    public ImportJobResponse get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = visible(id);
            if (!job.state.finished() && job.heartbeatAt.isBefore(ImportRunner.staleBefore(clock, config))) {
                runner.fail(id, "INTERRUPTED", "The job stopped making progress (the service restarted?); upload the file again");
            }
            return ImportJobResponse.of(job);
        });
    }

    /** The report rows after {@code afterSeq}, in row order of processing. */
    @SuppressWarnings("unchecked")
    public List<Object[]> issues(UUID id, long afterSeq, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT seq, row_number, column_name, "
                + "code, message, outcome FROM import_row_issue WHERE job_id = ?1 AND seq > ?2 ORDER BY seq")
                .setParameter(1, id).setParameter(2, afterSeq).setMaxResults(limit).getResultList());
    }

    ImportJob visible(UUID id) {
        ImportJob job = em.find(ImportJob.class, id);
        if (job == null) {
            throw ApiException.notFound("Import", id);
        }
        Access a = scope.access();
        boolean allowed = a.allowsCommunity(job.countyCode, job.communityId)
                && (a.level() != Access.Level.GRID || a.gridId().equals(job.scopeGridId));
        if (!allowed) {
            throw ApiException.forbidden("Outside your scope");
        }
        return job;
    }

    private Community targetCommunity(Access access, UUID communityId) {
        UUID id = communityId;
        if (id == null && (access.level() == Access.Level.COMMUNITY || access.level() == Access.Level.GRID)) {
            id = access.communityId();
        }
        if (id == null) {
            throw ApiException.invalid("communityId", "name the community the rows belong to").detail("nameCommunity");
        }
        Community c = places.requireCommunity(id);
        if (!access.allowsCommunity(c.countyCode, c.id)) {
            throw ApiException.forbidden("Outside your scope");
        }
        return c;
    }

    private ImportJob earlierCommit(ImportKind kind, UUID community, String sha) {
        // serialises commits of one file so that the partial unique index is never the one to answer
        Locks.lock(em, "import|" + kind + "|" + community + "|" + sha);
        return em.createQuery("SELECT j FROM ImportJob j WHERE j.kind = ?1 AND j.communityId = ?2 AND j.fileSha256 = ?3 "
                + "AND j.mode = ?4 AND j.state <> ?5", ImportJob.class).setParameter(1, kind).setParameter(2, community)
                .setParameter(3, sha).setParameter(4, ImportJob.Mode.COMMIT).setParameter(5, ImportJob.State.FAILED)
                .getResultStream().findFirst().orElse(null);
    }

    private ImportJobResponse await(Future<?> future, UUID id) {
        try {
            future.get(config.syncWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still running: the client follows Location
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the runner records its own failures on the job
        }
        return QuarkusTransaction.requiringNew().call(() -> ImportJobResponse.of(em.find(ImportJob.class, id)));
    }

    private static void checkHeader(Path file, FileFormat format, Charset charset, Template template) {
        boolean[] found = {false};
        boolean[] first = {true};
        SheetReader.read(file, format, charset, (n, cells) -> {
            if (cells.stream().allMatch(c -> Cells.clean(c) == null)) {
                return true;
            }
            if (first[0] && template.isTitle(cells)) {
                first[0] = false;
                return true;
            }
            first[0] = false;
            template.match(cells);
            found[0] = true;
            return false;
        });
        if (!found[0]) {
            throw new ApiException(ErrorCode.UNREADABLE_FILE, "The file has no header row");
        }
    }

    private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new ApiException(ErrorCode.FILE_TOO_LARGE, "The file exceeds " + max / (1024 * 1024)
                        + " MB; split it into smaller files").with("maxBytes", max).detail("mb", max / (1024 * 1024));
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    /** Dry-run files kept longer than imports.keep-files-for are deleted; their jobs can then no longer be committed. */
    private void removeOldFiles() {
        List<ImportJob> old = em.createQuery("SELECT j FROM ImportJob j WHERE j.filePath IS NOT NULL AND j.createdAt < ?1 "
                + "AND j.state IN ?2 AND NOT EXISTS (SELECT 1 FROM ImportJob k WHERE k.filePath = j.filePath "
                + "AND k.state IN ?3)", ImportJob.class).setParameter(1, clock.now().minus(config.keepFilesFor()))
                .setParameter(2, List.of(ImportJob.State.VALIDATED, ImportJob.State.COMMITTED, ImportJob.State.FAILED))
                .setParameter(3, List.of(ImportJob.State.QUEUED, ImportJob.State.RUNNING)).setMaxResults(100)
                .getResultList();
        for (ImportJob j : old) {
            ImportRunner.deleteQuietly(Path.of(j.filePath));
            j.filePath = null;
        }
    }

    Path directory() {
        Path dir = Path.of(config.directory().orElse(System.getProperty("java.io.tmpdir") + "/volunteer-imports"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
