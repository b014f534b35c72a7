package org.yimeng.volunteer.place;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeCalendar;
import org.yimeng.volunteer.config.ProgrammeYear;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;

/** Counties, communities (with pilots) and grids. Every community change is published as CommunityChanged. */
@ApplicationScoped
@Transactional
public class PlaceService {
    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Scope scope;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeCalendar calendar;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CountyResponse> counties() {
        return County.<County>find("ORDER BY sortOrder").list().stream()
                .map(c -> new CountyResponse(c.code, c.name, c.kind)).toList();
    }

    public CommunityResponse createCommunity(CreateCommunityRequest request) {
        String countyCode = request.countyCode().trim();
        if (County.findById(countyCode) == null) {
            throw new ApiException(ErrorCode.UNKNOWN_COUNTY, "No county " + countyCode).detail("code", countyCode);
        }
        scope.require(Place.county(countyCode));
        String name = Text.clean(request.name());
        // the name is stored as typed; two names that differ only in full-width forms are one community
        Locks.lock(em, "community-name|" + countyCode + "|" + Text.key(name),
                "community-code|" + (request.code() == null ? "" : request.code()));
        Community byName = Community.<Community>find("countyCode", countyCode).<Community>list().stream()
                .filter(o -> java.util.Objects.equals(Text.key(o.name), Text.key(name))).findFirst().orElse(null);
        if (byName != null) {
            throw duplicate("County " + countyCode + " already has a community named " + name, byName.id)
                    .detail("name", countyCode, name);
        }
        if (request.code() != null) {
            Community byCode = Community.<Community>find("code", request.code()).firstResult();
            if (byCode != null) {
                throw duplicate("Community code " + request.code() + " is already registered", byCode.id)
                        .detail("code", request.code());
            }
        }
        Community c = new Community();
        c.id = Ids.newId();
        c.countyCode = countyCode;
        c.name = name;
        c.kind = request.kind();
        c.code = request.code();
        c.createdAt = clock.now();
        c.updatedAt = c.createdAt;
        c.persist();
        Constraints.flush(em, Map.of(
                "community_county_name_key", () -> duplicate("County " + countyCode + " already has a community named " + name, null)
                        .detail("name", countyCode, name),
                "community_code_key", () -> duplicate("Community code " + request.code() + " is already registered", null)
                        .detail("code", request.code())));
        publish(c);
        return CommunityResponse.of(c);
    }

    public CommunityResponse setPilot(UUID id, boolean pilot) {
        Community c = em.find(Community.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ApiException.notFound("Community", id);
        }
        scope.require(Place.county(c.countyCode));
        if (c.pilot != pilot) {
            c.pilot = pilot;
            c.pilotSince = pilot ? clock.today() : null;
            c.updatedAt = clock.now();
            publish(c);
        }
        return CommunityResponse.of(c);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CommunityResponse community(UUID id) {
        Community c = Community.findById(id);
        if (c == null) {
            throw ApiException.notFound("Community", id);
        }
        scope.requireCommunity(c.countyCode, c.id);
        return CommunityResponse.of(c);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CommunityResponse> communities(String countyCode, Boolean pilot, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(countyCode, "c.countyCode = :county", "county")
                .andIf(pilot, "c.pilot = :pilot", "pilot")
                .andIf(Cursor.decodeId(cursor), "c.id > :after", "after");
        switch (scope.access().level()) {
            case GRID, COMMUNITY -> where.and("c.id = :own", "own", scope.access().communityId());
            default -> scope.restrict(where, "c.countyCode", "c.id", null);
        }
        List<Community> rows = where.bind(em.createQuery("SELECT c FROM Community c" + where.sql() + " ORDER BY c.id",
                Community.class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, CommunityResponse::of, c -> Cursor.encodeId(c.id));
    }

    public GridResponse createGrid(UUID communityId, CreateGridRequest request) {
        Community c = Community.findById(communityId);
        if (c == null) {
            throw ApiException.notFound("Community", communityId);
        }
        scope.require(placeOf(c));
        String name = Text.clean(request.name());
        Locks.lock(em, "grid-name|" + communityId + "|" + Text.key(name));
        if (Grid.<Grid>find("communityId", communityId).<Grid>list().stream()
                .anyMatch(o -> java.util.Objects.equals(Text.key(o.name), Text.key(name)))) {
            throw new ApiException(ErrorCode.DUPLICATE_GRID, "The community already has a grid named " + name)
                .detail("name", name);
        }
        Grid g = new Grid();
        g.id = Ids.newId();
        g.communityId = communityId;
        g.name = name;
        g.workerName = Text.clean(request.workerName());
        g.workerPhone = request.workerPhone();
        g.createdAt = clock.now();
        g.persist();
        Constraints.flush(em, Map.of("grid_community_name_key",
                () -> new ApiException(ErrorCode.DUPLICATE_GRID, "The community already has a grid named " + name)
                .detail("name", name)));
        return GridResponse.of(g);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<GridResponse> grids(UUID communityId, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Community c = Community.findById(communityId);
        if (c == null) {
            throw ApiException.notFound("Community", communityId);
        }
        scope.requireCommunity(c.countyCode, c.id);
        var access = scope.access();
        // a grid worker's scope is their grid: of their community's grids they see that one
        boolean gridWorker = access.level() == Access.Level.GRID;
        Where where = new Where().and("g.communityId = :community", "community", communityId);
        // by name, then id: the order people look for a grid in, stable across pages (keyset on both)
        GridKey after = GridKey.decode(cursor);
        if (after != null) {
            where.and("(g.name > :afterName OR (g.name = :afterName AND g.id > :afterId))", "afterName", after.name())
                    .with("afterId", after.id());
        }
        if (gridWorker) {
            where.and("g.id = :own", "own", access.gridId());
        }
        List<Grid> rows = where.bind(em.createQuery("SELECT g FROM Grid g" + where.sql() + " ORDER BY g.name, g.id",
                Grid.class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, GridResponse::of, g -> new GridKey(g.name, g.id).encode());
    }

    /** The keyset of the grid list; the name travels base64url-encoded so that any character is safe in it. */
    record GridKey(String name, UUID id) {
        String encode() {
            return Cursor.encode(java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), id.toString());
        }

        static GridKey decode(String cursor) {
            String[] parts = Cursor.decode(cursor, 2);
            if (parts == null) {
                return null;
            }
            try {
                return new GridKey(new String(java.util.Base64.getUrlDecoder().decode(parts[0]),
                        java.nio.charset.StandardCharsets.UTF_8), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued");
            }
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PilotStatusResponse pilotStatus(String countyCode) {
        if (County.findById(countyCode) == null) {
            throw ApiException.notFound("County", countyCode);
        }
        var access = scope.access();
        // anyone scoped inside the county may read its aggregate progress
        if (access.level() != Access.Level.CITY && !countyCode.equals(access.countyCode())) {
            throw ApiException.forbidden("Outside your scope");
        }
        Object[] row = (Object[]) em.createNativeQuery(
                "SELECT count(*), count(*) FILTER (WHERE pilot) FROM community WHERE county_code = ?1")
                .setParameter(1, countyCode).getSingleResult();
        long communities = ((Number) row[0]).longValue();
        long pilots = ((Number) row[1]).longValue();
        ProgrammeYear year = calendar.current();
        BigDecimal target = year.pilotTargetRatio();
        long required = target.multiply(BigDecimal.valueOf(communities)).setScale(0, RoundingMode.CEILING).longValueExact();
        BigDecimal ratio = communities == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(pilots).divide(BigDecimal.valueOf(communities), 4, RoundingMode.HALF_UP);
        PilotState state = PilotState.of(communities, pilots, required);
        return new PilotStatusResponse(countyCode, communities, pilots, ratio.stripTrailingZeros(), target, required,
                state.meetsTarget(), state, year.pilotDeadline(), year.surveyDeadline());
    }

    /** A community referenced by a request body; 422 UNKNOWN_COMMUNITY when it does not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Community requireCommunity(UUID id) {
        Community c = id == null ? null : Community.findById(id);
        if (c == null) {
            throw new ApiException(ErrorCode.UNKNOWN_COMMUNITY, "No community " + id).detail("id", id);
        }
        return c;
    }

    /** The grid, which must belong to the community; 422 UNKNOWN_GRID otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Grid requireGrid(UUID gridId, UUID communityId) {
        Grid g = Grid.findById(gridId);
        if (g == null || !g.communityId.equals(communityId)) {
            throw new ApiException(ErrorCode.UNKNOWN_GRID, "No grid " + gridId + " in community " + communityId)
                    .detail("id", gridId, communityId);
        }
        return g;
    }

    private static Place placeOf(Community c) {
        return Place.community(c.countyCode, c.id);
    }

    private void publish(Community c) {
        outbox.publish(Topics.COMMUNITIES, CommunityChanged.of(c.id, c.countyCode, c.name, c.kind.name(), c.pilot));
    }

    private static ApiException duplicate(String detail, UUID existing) {
        ApiException e = new ApiException(ErrorCode.DUPLICATE_COMMUNITY, detail);
        return existing == null ? e : e.with("existingId", existing);
    }
}
