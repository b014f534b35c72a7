package org.yimeng.kit.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code Idempotency-Key} (api.md): the same key with the same body answers the first response again; with another
 * body 422 {@code IDEMPOTENCY_KEY_REUSED}; while the first is still running 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT}.
 *
 * <p>Race safety: a transaction-scoped advisory lock on the key admits one request at a time (others get 409 at
 * once), and the stored response commits in the same transaction as the effect, so a crash leaves neither.
 */
@ApplicationScoped
public class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 200;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /**
     * Runs {@code action} once per (scope, key). The action's response entity is stored as JSON; business errors
     * roll back and store nothing, so a retry with the same key is evaluated afresh.
     *
     * @param key     the header value; null means the caller sent none (then the action simply runs)
     * @param request the parsed request, hashed in a canonical form so that formatting does not matter
     */
    @Transactional
    public Response execute(String scope, String key, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        validateKey(key);
        String hash = hash(request);
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c, scope, key)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "A request with this Idempotency-Key is still being processed");
            }
            Response stored = find(c, scope, key, hash);
            if (stored != null) {
                return stored;
            }
            Response response = action.get();
            store(c, scope, key, hash, response);
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store", e);
        }
    }

    /** Checks the header's shape; 400 when malformed. */
    public static void validateKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw ApiException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters")
                    .detail("idempotencyKey", MAX_KEY_LENGTH);
        }
    }

    /** SHA-256 of the request in canonical JSON (sorted keys). */
    public String hash(Object request) {
        try {
            byte[] json = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                    .writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash request", e);
        }
    }

    private static boolean tryLock(Connection c, String scope, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, scope + '|' + key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Response find(Connection c, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT request_hash, status, response_body FROM kit_idempotency WHERE scope = ? AND idem_key = ?")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!rs.getString(1).equals(hash)) {
                    throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used with a different request");
                }
                return Response.status(rs.getInt(2)).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                        .entity(rs.getString(3)).header("Idempotent-Replayed", "true").build();
            }
        }
    }

    private void store(Connection c, String scope, String key, String hash, Response response) throws SQLException {
        String body;
        try {
            body = mapper.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store response", e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO kit_idempotency (scope, idem_key, request_hash, status, response_body) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, hash);
            ps.setInt(4, response.getStatus());
            ps.setString(5, body);
            ps.executeUpdate();
        }
    }
}
