package org.yimeng.volunteer.imports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.imports.RowContext.Item;
import org.yimeng.volunteer.imports.RowContext.Row;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Text;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs import jobs on a small dedicated pool, streaming the file batch by batch: memory holds one batch of rows and
 * a 64-bit fingerprint per record key seen (for duplicates within the file), never the rows of the whole file.
 * Each batch is checked against the database together; a commit adds the batch's valid rows in one transaction
 * through the API's services, and the batch's report rows and the job's counters follow in the next.
 */
@ApplicationScoped
public class ImportRunner {
    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    @Inject
    ImportConfig config;

    @Inject
    EntityManager em;

    @Inject
    BusinessClock clock;

    @Inject
    HouseholdRows householdRows;

    @Inject
    VolunteerRows volunteerRows;

    @Inject
    SurveyRows surveyRows;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queue()), r -> {
                    Thread t = new Thread(r, "import-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Queues the job; 503 when the queue is full. The job acts with the access of the caller who started it. */
    Future<?> submit(UUID jobId, Access access) {
        try {
            return executor.submit(() -> run(jobId, access));
        } catch (RejectedExecutionException e) {
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, ErrorCode.SERVICE_UNAVAILABLE.name(),
                    "Too many imports are waiting; upload again in a few minutes"));
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Too many imports are waiting; try again in a few minutes");
        }
    }

    void run(UUID jobId, Access access) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(Scope.class).get().assume(access);
            process(jobId, access);
        } catch (ApiException e) {
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, e.code().name(), e.detailIn(org.yimeng.model.ErrorMessages.CHINESE)));
        } catch (Throwable e) {
            String reference = UUID.randomUUID().toString();
            // the exception's message may quote a row's values (a constraint's key): log only its type
            LOG.errorf("import job %s failed, reference %s: %s", jobId, reference, causes(e));
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, ErrorCode.INTERNAL_ERROR.name(),
                    "Unexpected error; reference " + reference));
        } finally {
            request.terminate();
        }
    }

    private void process(UUID jobId, Access access) {
        Run run = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = em.find(ImportJob.class, jobId);
            job.state = ImportJob.State.RUNNING;
            job.startedAt = clock.now();
            job.heartbeatAt = job.startedAt;
            Community community = em.find(Community.class, job.communityId);
            Map<String, UUID> grids = new HashMap<>();
            for (Object[] g : em.createQuery("SELECT g.name, g.id FROM Grid g WHERE g.communityId = ?1", Object[].class)
                    .setParameter(1, job.communityId).getResultList()) {
                grids.put(Text.key((String) g[0]), (UUID) g[1]);
            }
            em.flush();
            em.detach(job);
            em.detach(community);
            return new Run(job, community, grids, access, rules(job.kind));
        });
        Path file = Path.of(run.job.filePath);
        Charset charset = run.job.charset == null ? StandardCharsets.UTF_8 : Charset.forName(run.job.charset);
        SheetReader.read(file, run.job.fileFormat, charset, (n, cells) -> {
            run.row(n, cells);
            return true;
        });
        run.flush();
        if (run.ctx == null) {
            throw new ApiException(ErrorCode.UNREADABLE_FILE, "The file has no header row");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = em.find(ImportJob.class, jobId);
            job.state = job.mode == ImportJob.Mode.COMMIT ? ImportJob.State.COMMITTED : ImportJob.State.VALIDATED;
            job.rowsTotal = job.rowsDone;
            job.finishedAt = clock.now();
            job.heartbeatAt = job.finishedAt;
            if (job.mode == ImportJob.Mode.COMMIT) {
                // the same file commits once: its bytes are no longer needed by this job nor by its dry run
                em.createQuery("UPDATE ImportJob j SET j.filePath = NULL WHERE j.filePath = ?1")
                        .setParameter(1, job.filePath).executeUpdate();
                deleteQuietly(Path.of(job.filePath));
                job.filePath = null;
            }
        });
    }

    private RowRules<?> rules(ImportKind kind) {
        return switch (kind) {
            case HOUSEHOLDS -> householdRows;
            case VOLUNTEERS -> volunteerRows;
            case SURVEYS -> surveyRows;
        };
    }

    /** One job's pass over its file. */
    private final class Run {
        final ImportJob job;
        final Community community;
        final Map<String, UUID> grids;
        final Access access;
        @SuppressWarnings("rawtypes")
        final RowRules rules;
        final Template template;
        final Map<Long, Integer> seen = new HashMap<>();
        final List<Row> batch = new ArrayList<>();
        RowContext ctx;
        int blank;
        boolean titleSeen;

        Run(ImportJob job, Community community, Map<String, UUID> grids, Access access, RowRules<?> rules) {
            this.job = job;
            this.community = community;
            this.grids = grids;
            this.access = access;
            this.rules = rules;
            this.template = Template.of(job.kind);
        }

        void row(int number, List<String> cells) {
            boolean empty = cells.stream().allMatch(c -> Cells.clean(c) == null);
            if (ctx == null) {
                if (!empty) {
                    if (!titleSeen && template.isTitle(cells)) {
                        titleSeen = true;
                        return;
                    }
                    titleSeen = true;
                    ctx = new RowContext(job, community, grids, access, template.match(cells), clock.today());
                }
                return;
            }
            if (empty) {
                blank++;
                return;
            }
            batch.add(new Row(number, ctx.header.arrange(cells, template.columns().size())));
            if (batch.size() >= config.batchSize()) {
                flush();
            }
        }

        @SuppressWarnings("unchecked")
        void flush() {
            if (batch.isEmpty() && blank == 0) {
                return;
            }
            List<Item<Object>> items = new ArrayList<>(batch.size());
            for (Row r : batch) {
                Item<Object> item = new Item<>(r);
                rules.parse(item, ctx);
                items.add(item);
            }
            withinFile(items);
            List<Item<Object>> candidates = items.stream().filter(Item::valid).toList();
            int committed = 0;
            if (!candidates.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> rules.checkDatabase(candidates, ctx));
                if (job.mode == ImportJob.Mode.COMMIT) {
                    committed = commit(items.stream().filter(Item::valid).toList());
                }
            }
            int blankRows = blank;
            int added = committed;
            QuarkusTransaction.requiringNew().run(() -> progress(items, blankRows, added));
            batch.clear();
            blank = 0;
        }

        /** The first row with a key wins; later rows with the same key are reported against it. */
        private void withinFile(List<Item<Object>> items) {
            for (Item<Object> item : items) {
                if (!item.valid()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<String> keys = rules.keys(item.value);
                Integer first = null;
                for (String k : keys) {
                    first = seen.get(fingerprint(k));
                    if (first != null) {
                        break;
                    }
                }
                if (first != null) {
                    RowRules.error(item, ctx, null, rules.duplicateCode(), "与第 " + first + " 行重复");
                } else {
                    keys.forEach(k -> seen.put(fingerprint(k), item.row.number()));
                }
            }
        }

        /**
         * Adds the rows in one transaction. When the service refuses a row (the database changed since the check),
         * the transaction is rolled back, the row reported, and the batch retried without it.
         */
        @SuppressWarnings("unchecked")
        private int commit(List<Item<Object>> valid) {
            List<Item<Object>> pending = new ArrayList<>(valid);
            while (!pending.isEmpty()) {
                int[] at = {-1};
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        for (int k = 0; k < pending.size(); k++) {
                            at[0] = k;
                            rules.commit(pending.get(k).value, ctx);
                            // the service has flushed the row: keeping it managed would make every later
                            // auto-flush of the batch check all earlier rows again (quadratic per batch)
                            em.clear();
                        }
                    });
                    return pending.size();
                } catch (RuntimeException e) {
                    ApiException refusal = apiException(e);
                    if (refusal == null || at[0] < 0) {
                        throw e;
                    }
                    Item<Object> bad = pending.remove(at[0]);
                    bad.issues.add(RowRules.refused(bad.row.number(), ctx, refusal, fieldsOf(job.kind)));
                }
            }
            return 0;
        }

        private void progress(List<Item<Object>> items, int blankRows, int committed) {
            int valid = 0;
            int invalid = 0;
            int skipped = 0;
            for (Item<Object> i : items) {
                for (RowIssue issue : i.issues) {
                    em.createNativeQuery("INSERT INTO import_row_issue (job_id, row_number, column_name, code, message, "
                            + "outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, job.id)
                            .setParameter(2, issue.row()).setParameter(3, issue.column()).setParameter(4, issue.code())
                            .setParameter(5, issue.message()).setParameter(6, issue.outcome().name()).executeUpdate();
                }
                if (i.valid()) {
                    valid++;
                } else if (i.skipped && i.issues.stream().allMatch(x -> x.outcome() == RowIssue.Outcome.SKIPPED)) {
                    skipped++;
                } else {
                    invalid++;
                }
            }
            em.createNativeQuery("UPDATE import_job SET rows_done = rows_done + ?1, rows_blank = rows_blank + ?2, "
                    + "rows_valid = rows_valid + ?3, rows_invalid = rows_invalid + ?4, rows_skipped = rows_skipped + ?5, "
                    + "rows_committed = rows_committed + ?6, heartbeat_at = ?7 WHERE id = ?8")
                    .setParameter(1, items.size()).setParameter(2, blankRows).setParameter(3, valid)
                    .setParameter(4, invalid).setParameter(5, skipped).setParameter(6, committed)
                    .setParameter(7, clock.now()).setParameter(8, job.id).executeUpdate();
        }
    }

    static Map<String, String> fieldsOf(ImportKind kind) {
        return switch (kind) {
            case HOUSEHOLDS -> HouseholdRows.fields();
            case VOLUNTEERS -> Map.of("communityId", "community", "gridId", "grid");
            case SURVEYS -> Map.of("surveyedOn", "surveyedOn");
        };
    }

    void fail(UUID jobId, String code, String detail) {
        ImportJob job = em.find(ImportJob.class, jobId);
        if (job == null || job.state.finished()) {
            return;
        }
        job.state = ImportJob.State.FAILED;
        job.errorCode = code;
        job.errorDetail = detail;
        job.finishedAt = clock.now();
        job.heartbeatAt = job.finishedAt;
    }

    private static ApiException apiException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException a) {
                return a;
            }
        }
        return null;
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(s.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            StackTraceElement[] st = t.getStackTrace();
            if (st.length > 0) {
                s.append(" at ").append(st[0]);
            }
        }
        return s.toString();
    }

    static long fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            LOG.warnf("could not delete import file %s", file.getFileName());
        }
    }

    static Instant staleBefore(BusinessClock clock, ImportConfig config) {
        return clock.now().minus(config.staleAfter());
    }
}
