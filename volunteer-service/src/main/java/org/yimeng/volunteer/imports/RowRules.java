package org.yimeng.volunteer.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.error.Problem;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;
import org.yimeng.model.Masking;
import org.yimeng.volunteer.identity.IdNumber;
import org.yimeng.volunteer.imports.RowContext.Item;
import org.yimeng.volunteer.support.Text;

/**
 * The checks of one kind of row. A row becomes the same request record the JSON API takes and is checked with the
 * same Bean Validation constraints and the same rules (IdNumber, AddressNormaliser, grid of the community, scope);
 * duplicates are looked up per batch. A commit hands each row to the API's own service method, so the rules that
 * decide are the API's: a row that a dry run passed but the service refuses (the database changed meanwhile) is
 * reported with the service's code.
 */
abstract class RowRules<T> {
    @jakarta.inject.Inject
    jakarta.validation.ValidatorFactory validatorFactory;

    /** Import reports are for people: constraint messages in Chinese whatever the request or deployment language. */
    private volatile Validator validator;

    private Validator validator() {
        Validator v = validator;
        if (v == null) {
            jakarta.validation.MessageInterpolator base = validatorFactory.getMessageInterpolator();
            v = validatorFactory.usingContext().messageInterpolator(new jakarta.validation.MessageInterpolator() {
                @Override
                public String interpolate(String template, Context context) {
                    return base.interpolate(template, context, ErrorMessages.CHINESE);
                }

                @Override
                public String interpolate(String template, Context context, java.util.Locale locale) {
                    return base.interpolate(template, context, ErrorMessages.CHINESE);
                }
            }).getValidator();
            validator = v;
        }
        return v;
    }

    /** Turns the cells into the request, adding an ERROR issue per bad cell; no database access. */
    abstract void parse(Item<T> item, RowContext ctx);

    /** Keys under which two rows of one file are the same record. */
    abstract List<String> keys(T value);

    /** The issue code of a duplicate. */
    abstract String duplicateCode();

    /** Per batch: marks rows whose record is already in the database (SKIPPED) or that refer to missing records. */
    abstract void checkDatabase(List<Item<T>> items, RowContext ctx);

    /** Adds one row through the API's service; throws its ApiException when the row is refused. */
    abstract void commit(T value, RowContext ctx);

    // helpers shared by the kinds

    static void error(Item<?> item, RowContext ctx, String key, String code, String message) {
        item.issues.add(new RowIssue(item.row.number(), key == null ? null : ctx.column(key), code, message,
                RowIssue.Outcome.ERROR));
    }

    static void skip(Item<?> item, String code, String message) {
        item.skipped = true;
        item.issues.add(new RowIssue(item.row.number(), null, code, message, RowIssue.Outcome.SKIPPED));
    }

    static String cell(Item<?> item, RowContext ctx, String key) {
        return item.row.cells()[ctx.template.index(key)];
    }

    /** The 社区 cell, when filled, must name the job's community. */
    static void checkCommunity(Item<?> item, RowContext ctx) {
        String c = cell(item, ctx, "community");
        if (c != null && !ctx.isThisCommunity(c)) {
            error(item, ctx, "community", ErrorCode.UNKNOWN_COMMUNITY.name(),
                    "“" + c + "”不是本次导入的社区（" + ctx.community.name + "）");
        }
    }

    /** The grid named in the 网格 cell (or a grid worker's own grid when empty); null when none or unknown. */
    static UUID grid(Item<?> item, RowContext ctx) {
        String g = cell(item, ctx, "grid");
        if (g == null) {
            return ctx.ownGrid();
        }
        UUID id = ctx.gridsByName.get(Text.key(g));
        if (id == null) {
            try {
                UUID asId = UUID.fromString(g);
                id = ctx.gridsByName.containsValue(asId) ? asId : null;
            } catch (IllegalArgumentException e) {
                id = null;
            }
        }
        if (id == null) {
            error(item, ctx, "grid", ErrorCode.UNKNOWN_GRID.name(), "社区“" + ctx.community.name + "”没有网格“" + g + "”");
            return null;
        }
        if (ctx.ownGrid() != null && !ctx.ownGrid().equals(id)) {
            error(item, ctx, "grid", ErrorCode.FORBIDDEN.name(), "网格员只能导入本人网格的记录");
            return null;
        }
        return id;
    }

    /**
     * An ID number cell in stored form, or null when empty. Masked values (an export's 371302********1234) count as
     * empty when {@code maskedIsEmpty}; a number Excel has rounded is reported.
     */
    static String idNumber(Item<?> item, RowContext ctx, String key, boolean maskedIsEmpty) {
        String v = Cells.digits(cell(item, ctx, key));
        if (v == null || (maskedIsEmpty && v.contains("*"))) {
            return null;
        }
        if (v.startsWith(Cells.IMPRECISE)) {
            error(item, ctx, key, ErrorCode.INVALID_ID_NUMBER.name(),
                    "身份证号被Excel存成了数字，末几位已丢失：请把该列设为文本后重新填写");
            return null;
        }
        String id = IdNumber.normalise(v);
        var problem = IdNumber.problem(id, ctx.today);
        if (problem.isPresent()) {
            error(item, ctx, key, ErrorCode.INVALID_ID_NUMBER.name(),
                    "身份证号 " + Masking.idNumber(id) + " 无效：" + ErrorMessages.text(ErrorMessages.CHINESE,
                            "INVALID_ID_NUMBER.detail." + IdNumber.reasonKey(problem.get())));
            return null;
        }
        return id;
    }

    /** A phone cell without inner spaces; masked values count as empty when {@code maskedIsEmpty}. */
    static String phone(Item<?> item, RowContext ctx, String key, boolean maskedIsEmpty) {
        String v = Cells.digits(cell(item, ctx, key));
        if (v == null || (maskedIsEmpty && v.contains("*"))) {
            return null;
        }
        return v.startsWith(Cells.IMPRECISE) ? v.substring(1) : v;
    }

    /**
     * Bean Validation of the request, exactly as the API validates its body; each violation is reported on the
     * column of its field ({@code fields} maps a request field to a template key when the names differ).
     */
    <R> void validate(Item<?> item, RowContext ctx, R request, Map<String, String> fields) {
        Set<ConstraintViolation<R>> violations = validator().validate(request);
        for (ConstraintViolation<R> v : violations) {
            String path = v.getPropertyPath().toString();
            String field = path.replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
            String key = fields.getOrDefault(path.replaceAll("\\[\\d+]", "[]").replaceAll("\\.<[^>]+>", ""),
                    fields.getOrDefault(field, field));
            error(item, ctx, key, ErrorCode.VALIDATION_FAILED.name(), message(v));
        }
    }

    private static String message(ConstraintViolation<?> v) {
        String type = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (type) {
            case "NotNull", "NotBlank", "NotEmpty" -> "必填";
            case "Size" -> "长度或个数超出限制（" + v.getMessage() + "）";
            case "Min", "Max" -> "数值超出范围（" + v.getMessage() + "）";
            case "Pattern" -> "格式不正确（" + v.getMessage() + "）";
            default -> v.getMessage();
        };
    }

    /** The code and message of a refusal by the API's service, as a row issue. */
    static RowIssue refused(int row, RowContext ctx, ApiException e, Map<String, String> fields) {
        String column = null;
        Object violations = e.properties().get("violations");
        if (violations instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Problem.Violation pv) {
            String key = fields.getOrDefault(pv.field(), pv.field());
            column = ctx.template.columns().stream().anyMatch(c -> c.key().equals(key)) ? ctx.column(key) : null;
        }
        return new RowIssue(row, column, e.code().name(), e.detailIn(ErrorMessages.CHINESE), RowIssue.Outcome.ERROR);
    }
}
