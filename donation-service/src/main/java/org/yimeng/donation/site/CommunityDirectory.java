package org.yimeng.donation.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;

/** "Which fund is my community's?": communities with their active piggy-banks and page links, by county and name. */
@ApplicationScoped
public class CommunityDirectory {
    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "public.base-url", defaultValue = "http://localhost:8081")
    String baseUrl;

    @Schema(description = "A community with a fund: its name and county, and the active piggy-banks' pages")
    public record Listed(UUID id, String name, String countyCode, String kind, boolean pilot, List<Box> piggyBanks) {
    }

    @Schema(description = "An active piggy-bank; pageUrl is what its QR code opens")
    public record Box(String code, String label, String place, String pageUrl) {
    }

    /** Sorted by name then id; {@code q} matches any part of the name, as typed (no pattern characters). */
    public Page<Listed> search(String countyCode, String q, String cursor, Integer limit) {
        int n = limit == null ? Cursor.DEFAULT_LIMIT : Math.max(1, Math.min(limit, Cursor.MAX_LIMIT));
        String[] after = Cursor.decode(cursor, 2);
        StringBuilder sql = new StringBuilder("SELECT c.id, c.name, c.county_code, c.kind, c.pilot FROM community c WHERE true");
        List<Object> args = new ArrayList<>();
        if (countyCode != null && !countyCode.isBlank()) {
            sql.append(" AND c.county_code = ?");
            args.add(countyCode.strip());
        }
        if (q != null && !q.isBlank()) {
            sql.append(" AND strpos(c.name, ?) > 0");
            args.add(q.strip());
        }
        if (after != null) {
            sql.append(" AND (c.name, c.id) > (?, ?)");
            args.add(after[0]);
            try {
                args.add(UUID.fromString(after[1]));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_CURSOR, "cursor is not one of this list's");
            }
        }
        sql.append(" ORDER BY c.name, c.id LIMIT ").append(n + 1);
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, Object[]> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getObject(1, UUID.class), new Object[] { rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getBoolean(5) });
                    }
                }
            }
            Map<UUID, List<Box>> boxes = new LinkedHashMap<>();
            if (!rows.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT community_id, code, label, place FROM piggy_bank "
                        + "WHERE status = 'ACTIVE' AND community_id = ANY (?) ORDER BY community_id, code")) {
                    ps.setArray(1, c.createArrayOf("uuid", rows.keySet().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String code = rs.getString(2);
                            boxes.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(new Box(code, rs.getString(3), rs.getString(4), pageUrl(code)));
                        }
                    }
                }
            }
            List<Listed> listed = new ArrayList<>();
            rows.forEach((id, r) -> listed.add(new Listed(id, (String) r[0], (String) r[1], (String) r[2], (Boolean) r[3],
                    boxes.getOrDefault(id, List.of()))));
            return Page.of(listed, n, x -> x, x -> Cursor.encode(x.name(), x.id().toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("community directory", e);
        }
    }

    public String pageUrl(String code) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/p/" + code;
    }
}
