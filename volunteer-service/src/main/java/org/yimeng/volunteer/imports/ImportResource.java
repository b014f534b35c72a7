package org.yimeng.volunteer.imports;

import static org.yimeng.model.Roles.CITY_ADMIN;
import static org.yimeng.model.Roles.COMMUNITY_ADMIN;
import static org.yimeng.model.Roles.COUNTY_ADMIN;
import static org.yimeng.model.Roles.GRID_WORKER;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;

/**
 * Spreadsheet imports of households, volunteers and needs surveys: templates, uploads (dry run or commit), the
 * job's progress and its per-row report.
 */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ImportService imports;

    @GET
    @Path("/templates/{kind}")
    @Produces({XLSX, "text/csv", MediaType.APPLICATION_JSON})
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getImportTemplate", summary = "Download the import template of households, volunteers or surveys (format=xlsx|csv), "
            + "with the Chinese column headers")
    @APIResponse(responseCode = "200", description = "The template file", content = {
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response template(@Parameter(schema = @Schema(enumeration = {"households", "volunteers", "surveys"})) @PathParam("kind") String kind,
            @Parameter(schema = @Schema(enumeration = {"xlsx", "csv"}, defaultValue = "xlsx")) @QueryParam("format") String format) {
        Template template = Template.of(ImportKind.of(kind));
        FileFormat f = FileFormat.ofQuery(format);
        StreamingOutput body = out -> TemplateFiles.write(template, f, out);
        return file(body, f, TemplateFiles.sheetName(template.kind()) + "导入模板");
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "uploadImport", summary = "Upload a spreadsheet as the raw body (.xlsx, or CSV in UTF-8/GBK): kind=households|volunteers|"
            + "surveys, mode=dry-run (default) or commit, communityId; 202 with the job (Location), 200 with the earlier "
            + "job when this file was already committed; 413 FILE_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE, 422 WRONG_TEMPLATE")
    @APIResponse(responseCode = "202", description = "Accepted: the job runs (Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJobResponse.class)))
    @APIResponse(responseCode = "200", description = "The earlier job of this file (Idempotent-Replayed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJobResponse.class)))
    @RequestBody(content = {@Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response upload(@Parameter(required = true, schema = @Schema(enumeration = {"households", "volunteers", "surveys"}))
            @QueryParam("kind") String kind,
            @Parameter(schema = @Schema(enumeration = {"dry-run", "commit"}, defaultValue = "dry-run")) @QueryParam("mode") String mode,
            @QueryParam("communityId") UUID communityId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        ImportKind k = ImportKind.of(kind);
        ImportJob.Mode m = mode(mode);
        return answer(imports.upload(k, m, communityId, contentType, body));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getImport", summary = "An import job's state and progress: rows done, valid, invalid, skipped (already registered), "
            + "committed")
    public ImportJobResponse get(@PathParam("id") UUID id) {
        return imports.get(id);
    }

    @POST
    @Path("/{id}/commit")
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "commitImport", summary = "Commit a finished dry run: every row is checked again and the valid ones added (202 with the "
            + "commit job; 200 with the earlier commit of the same file; 409 IMPORT_NOT_COMMITTABLE)")
    @APIResponse(responseCode = "202", description = "Accepted: the job runs (Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJobResponse.class)))
    @APIResponse(responseCode = "200", description = "The earlier job of this file (Idempotent-Replayed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJobResponse.class)))
    public Response commit(@PathParam("id") UUID id) {
        return answer(imports.commit(id));
    }

    @GET
    @Path("/{id}/report")
    @Produces({"text/csv", XLSX, MediaType.APPLICATION_JSON})
    @RolesAllowed({ GRID_WORKER, COMMUNITY_ADMIN, COUNTY_ADMIN, CITY_ADMIN })
    @Operation(operationId = "getImportReport", summary = "The per-row report of an import (format=csv (default), xlsx, or json with limit/cursor): "
            + "row number as in the sheet, column header, code, message, outcome ERROR or SKIPPED")
    @APIResponse(responseCode = "200", description = "The report: CSV, XLSX or a JSON page", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuePage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response report(@PathParam("id") UUID id,
            @Parameter(schema = @Schema(enumeration = {"csv", "xlsx", "json"}, defaultValue = "csv")) @QueryParam("format") String format,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        ImportJobResponse job = imports.get(id);
        if ("json".equalsIgnoreCase(format)) {
            int n = Cursor.limit(limit);
            long after = cursor == null ? 0 : seq(cursor);
            List<Object[]> rows = imports.issues(id, after, n + 1);
            return Response.ok(Page.of(rows, n, ImportResource::issue, r -> Cursor.encode(r[0].toString())),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        FileFormat f = format == null || format.isBlank() ? FileFormat.CSV : FileFormat.ofQuery(format);
        StreamingOutput body = out -> {
            try (SheetWriter w = SheetWriter.open(f, out, "导入报告")) {
                w.row(List.of("行号", "列", "代码", "说明", "处理"));
                long after = 0;
                while (true) {
                    List<Object[]> rows = imports.issues(id, after, 1000);
                    for (Object[] r : rows) {
                        w.row(java.util.Arrays.asList(((Number) r[1]).intValue(), r[2], r[3], r[4],
                                "SKIPPED".equals(r[5]) ? "已登记，跳过" : "错误，未导入"));
                        after = ((Number) r[0]).longValue();
                    }
                    if (rows.size() < 1000) {
                        break;
                    }
                }
            }
        };
        return file(body, f, "导入报告-" + job.kind() + "-" + id);
    }

    /** The JSON report's page as the document describes it ({@code Page<IssueResponse>}). */
    public record IssuePage(List<IssueResponse> items, @Schema(nullable = true) String nextCursor) {
    }

    /** One report row in JSON. */
    public record IssueResponse(int row, @Schema(nullable = true) String column, String code, String message, RowIssue.Outcome outcome) {
    }

    private static IssueResponse issue(Object[] r) {
        return new IssueResponse(((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4],
                RowIssue.Outcome.valueOf((String) r[5]));
    }

    private static long seq(String cursor) {
        try {
            return Long.parseLong(Cursor.decode(cursor, 1)[0]);
        } catch (NumberFormatException e) {
            throw new ApiException(org.yimeng.model.ErrorCode.INVALID_CURSOR, "The cursor is not valid");
        }
    }

    private static ImportJob.Mode mode(String mode) {
        if (mode == null || mode.isBlank() || mode.trim().equals("dry-run")) {
            return ImportJob.Mode.DRY_RUN;
        }
        if (mode.trim().equals("commit")) {
            return ImportJob.Mode.COMMIT;
        }
        throw ApiException.invalid("mode", "must be dry-run or commit").detail("dryRunOrCommit");
    }

    private static Response answer(ImportService.Submitted s) {
        Response.ResponseBuilder b = s.replayed() ? Response.ok(s.job()).header("Idempotent-Replayed", "true")
                : Response.accepted(s.job());
        return b.location(URI.create("/api/v1/imports/" + s.job().id())).build();
    }

    static Response file(StreamingOutput body, FileFormat f, String name) {
        String encoded = URLEncoder.encode(name + "." + f.extension, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, f == FileFormat.CSV ? "text/csv; charset=UTF-8" : f.mediaType)
                .header("Content-Disposition", "attachment; filename=\"download." + f.extension
                        + "\"; filename*=UTF-8''" + encoded)
                .build();
    }

    static List<Object> cells(Object... values) {
        List<Object> out = new ArrayList<>(values.length);
        java.util.Collections.addAll(out, values);
        return out;
    }
}
