package org.yimeng.donation.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.yimeng.donation.community.Community;
import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.ProgrammeZone;
import org.yimeng.donation.piggybank.PiggyBank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The page a piggy-bank's QR code opens (api.md "Public pages", docs/donation-service.md "Public pages"): zh-CN,
 * phone-sized, complete without JavaScript; the script only checks a gift's proof in the browser. Nothing on it names
 * a donor or a household.
 */
@Path("/p")
@Tag(name = "Public")
public class PiggyBankPage {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Inject
    PublicFunds funds;

    @Inject
    Receipts receipts;

    @Inject
    CommunityRegistry communities;

    @Inject
    ProgrammeZone programmeZone;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "public.organisation.name", defaultValue = "（本地运行示例）临沂市志愿服务组织")
    String organisation;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance page(View view);

        static native TemplateInstance missing(String code);
    }

    /** What the template shows, formatted for people (yuan, Beijing time). */
    public record View(String community, String label, String place, boolean retired, String donated, long donationCount,
            String spent, long disbursementCount, String corrections, boolean hasCorrections, String balance,
            String asOf, List<Line> spending, List<Line> openings, String organisation, String code,
            String receiptAsked, ReceiptLine receipt, String proofJson) {
    }

    /** A row of a table: date, text, amount, and a flag (reversed, or a receipt number to check). */
    public record Line(String on, String what, String amount, boolean reversed, String receiptNo) {
    }

    /** The looked-up gift: found or not, and the fields people read. */
    public record ReceiptLine(boolean found, boolean pending, String receiptNo, String amount, String on, String channel,
            String community, boolean otherCommunity, long sequence, String hash, boolean reversed) {
    }

    @GET
    @Path("/{code}")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "piggyBankPage", summary = "The piggy-bank's public page (HTML, zh-CN)",
            description = "What the box's QR code opens: the community's fund in yuan (donated, spent, corrections, "
                    + "balance), what the money paid for, this box's openings, and the receipt check (?receipt=). "
                    + "Unknown code: 404 with a page.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response page(@PathParam("code") String code, @QueryParam("receipt") String receiptNo, @jakarta.ws.rs.core.Context Request request) {
        Optional<PiggyBank> box = code == null || code.length() > 64 ? Optional.empty()
                : PiggyBank.<PiggyBank>find("code", code).firstResultOptional();
        if (box.isEmpty()) {
            return html(Response.status(404).entity(Templates.missing(code == null ? "" : code).render()), 300);
        }
        PiggyBank b = box.get();
        Community community = communities.find(b.communityId).orElse(null);
        PublicFunds.Figures f = funds.of(b.communityId);
        String asked = receiptNo == null ? null : receiptNo.strip().toUpperCase(java.util.Locale.ROOT);
        if (asked != null && asked.isEmpty()) {
            asked = null;
        }
        EntityTag tag = new EntityTag(b.id + "-" + f.throughSequence() + "-" + b.status);
        if (asked == null) {
            Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
            if (unchanged != null) {
                return html(unchanged, 30);
            }
        }
        ZoneId zone = programmeZone.zone();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
        List<Line> spending = f.recentSpending().stream()
                .map(s -> new Line(day.format(s.occurredAt()), s.title(), Yuan.format(s.amountFen()), s.reversed(), null))
                .toList();
        List<Line> openings = f.openingsOf(b.id).stream()
                .map(o -> new Line(day.format(o.occurredAt()), "开箱清点", Yuan.format(o.amountFen()), false, o.receiptNo()))
                .toList();
        ReceiptLine receipt = null;
        String proofJson = null;
        if (asked != null) {
            Optional<Receipts.ReceiptView> found = receipts.lookUp(asked);
            if (found.isEmpty()) {
                receipt = new ReceiptLine(false, false, asked, null, null, null, null, false, 0, null, false);
            } else {
                Receipts.ReceiptView r = found.get();
                receipt = new ReceiptLine(true, r.proof() == null, r.receiptNo(), Yuan.format(r.amountFen()),
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(Instant.parse(r.occurredAt())),
                        channel(r.channel()), r.communityName(), !b.communityId.equals(r.communityId()), r.sequence(),
                        r.hash(), r.reversed());
                proofJson = safeJson(r);
            }
        }
        String asOf = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(Instant.now());
        View view = new View(community == null ? "社区" : community.name, b.label, b.place,
                PiggyBank.RETIRED.equals(b.status), Yuan.format(f.donatedFen()), f.donationCount(),
                Yuan.format(f.spentFen()), f.disbursementCount(), Yuan.format(f.correctionsFen()),
                f.correctionsFen() != 0, Yuan.format(f.balanceFen()), asOf, spending, openings, organisation, b.code,
                asked, receipt, proofJson);
        Response.ResponseBuilder ok = Response.ok(Templates.page(view).render());
        if (asked == null) {
            ok.tag(tag);
        }
        return html(ok, asked == null ? 30 : 10);
    }

    private static Response html(Response.ResponseBuilder r, int maxAge) {
        return r.type("text/html;charset=UTF-8").header("Cache-Control", "public, max-age=" + maxAge)
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").build();
    }

    /** JSON for a {@code <script type="application/json">} block: no "</" can end the block early. */
    private String safeJson(Object o) {
        try {
            return json.writeValueAsString(o).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String channel(String channel) {
        switch (channel) {
            case "CASH":
                return "现金（爱扑满）";
            case "WECHAT":
                return "微信支付";
            case "ALIPAY":
                return "支付宝";
            case "UNIONPAY":
                return "银联";
            case "BANK":
                return "银行转账";
            default:
                return channel;
        }
    }

}
