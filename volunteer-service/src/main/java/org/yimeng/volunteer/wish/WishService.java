package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.model.Role;
import org.yimeng.volunteer.notice.Notice;
import org.yimeng.volunteer.notice.NoticeKind;
import org.yimeng.volunteer.notice.Notices;
import org.yimeng.volunteer.notice.Recipient;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.household.Household;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.servicerecord.ServiceRecord;
import org.yimeng.volunteer.servicerecord.SourceKind;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;

/**
 * Micro-wishes: recorded by staff for a household, claimed by exactly one volunteer, fulfilled or cancelled.
 *
 * <p>The claim is one conditional UPDATE ({@code WHERE status = 'OPEN'}): concurrent claims queue on the row and
 * re-check the condition after the first commits, so exactly one wins whatever the concurrency.
 */
@ApplicationScoped
@Transactional
public class WishService {
    static final String CONTENT_PREFIX = "微心愿：";

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    CurrentVolunteer current;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @Inject
    Notices notices;

    public WishResponse create(UUID householdId, CreateWishRequest r) {
        Household h = Household.findById(householdId);
        if (h == null) {
            throw ApiException.notFound("Household", householdId);
        }
        scope.require(new Place(h.countyCode, h.communityId, h.gridId));
        Wish w = new Wish();
        w.id = Ids.newId();
        w.householdId = h.id;
        w.countyCode = h.countyCode;
        w.communityId = h.communityId;
        w.gridId = h.gridId;
        w.title = Text.clean(r.title());
        w.description = r.description().strip();
        w.estimatedCostFen = r.estimatedCostFen();
        w.status = WishStatus.OPEN;
        w.createdBy = caller.recorder();
        w.createdAt = clock.now();
        w.updatedAt = w.createdAt;
        w.persist();
        em.flush();
        return WishResponse.of(w);
    }

    public WishResponse claim(UUID id, UUID requested) {
        UUID volunteerId = requested;
        if (volunteerId == null) {
            if (!caller.isAny(Role.VOLUNTEER, Role.RESIDENT)) {
                throw ApiException.invalid("volunteerId", "must not be null");
            }
            volunteerId = current.id(); // claiming for myself
        }
        Wish w = find(id);
        if (!scope.access().isVolunteer(volunteerId)) {
            scope.require(placeOf(w));
        }
        Volunteer v = Volunteer.findById(volunteerId);
        if (v == null) {
            throw ApiException.invalid("volunteerId", "no such volunteer").detail("noSuchVolunteer");
        }
        WishTransitions.requireClaimant(v.id, v.status);
        Instant now = clock.now();
        int claimed = em.createNativeQuery("UPDATE wish SET status = 'CLAIMED', claimant_id = ?2, claimed_at = ?3, "
                + "updated_at = ?3 WHERE id = ?1 AND status = 'OPEN'")
                .setParameter(1, id).setParameter(2, volunteerId).setParameter(3, now).executeUpdate();
        em.refresh(w);
        if (claimed == 0) {
            // the UPDATE is the transition (OPEN → CLAIMED) the policy allows; it lost, so say why
            throw WishTransitions.refusal(w.status, WishTransitions.Action.CLAIM);
        }
        tellCreator(w, "claimed", "心愿已被认领", "微心愿「" + w.title + "」已被志愿者认领。");
        return WishResponse.of(w);
    }

    public WishResponse fulfil(UUID id, FulfilWishRequest r) {
        Wish w = lock(id);
        boolean byClaimant = isClaimant(w);
        if (!byClaimant) {
            scope.require(placeOf(w));
        }
        WishStatus next = WishTransitions.next(w.status, WishTransitions.Action.FULFIL);
        WishTransitions.checkFulfilment(r.fulfilledOn(), clock.dateOf(w.claimedAt), r.minutes(), clock.today(),
                config.service().recordingWindowWorkingDays());
        Instant now = clock.now();
        w.status = next;
        w.fulfilledOn = r.fulfilledOn();
        w.fulfilNote = r.note().strip();
        w.fulfilMinutes = r.minutes();
        w.updatedAt = now;
        if (r.minutes() != null) {
            ServiceRecord s = new ServiceRecord();
            s.id = Ids.newId();
            s.volunteerId = w.claimantId;
            s.sourceKind = SourceKind.WISH;
            s.sourceId = w.id;
            s.communityId = w.communityId;
            s.serviceDate = r.fulfilledOn();
            s.minutes = r.minutes();
            s.place = em.find(Community.class, w.communityId).name;
            s.content = CONTENT_PREFIX + w.title;
            // minutes a claimant reports for themself are kept unconfirmed: they count once staff confirm them
            s.confirmedBy = byClaimant ? null : caller.recorder();
            s.confirmedAt = byClaimant ? null : now;
            s.createdAt = now;
            s.persist();
        }
        em.flush();
        tellCreator(w, "fulfilled", "心愿已实现", "微心愿「" + w.title + "」已实现。");
        return WishResponse.of(w);
    }

    /** Gives a CLAIMED wish back (OPEN again): its claimant, or staff in scope. */
    public WishResponse unclaim(UUID id) {
        Wish w = lock(id);
        if (!isClaimant(w)) {
            scope.require(placeOf(w));
        }
        w.status = WishTransitions.next(w.status, WishTransitions.Action.UNCLAIM);
        w.claimantId = null;
        w.claimedAt = null;
        w.updatedAt = clock.now();
        em.flush();
        return WishResponse.of(w);
    }

    public WishResponse cancel(UUID id, String reason) {
        Wish w = lock(id);
        scope.require(placeOf(w));
        w.status = WishTransitions.next(w.status, WishTransitions.Action.CANCEL);
        w.cancelReason = Text.clean(reason);
        w.updatedAt = clock.now();
        em.flush();
        return WishResponse.of(w);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WishResponse get(UUID id) {
        Wish w = find(id);
        if (!isClaimant(w)) {
            scope.require(placeOf(w));
        }
        return WishResponse.of(w);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WishResponse> ofHousehold(UUID householdId) {
        Household h = Household.findById(householdId);
        if (h == null) {
            throw ApiException.notFound("Household", householdId);
        }
        scope.require(new Place(h.countyCode, h.communityId, h.gridId));
        return Wish.<Wish>find("householdId = ?1 ORDER BY id", householdId).list().stream().map(WishResponse::of)
                .toList();
    }

    /** The public listing: every wish of the city, filtered, without any household detail. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PublicWishResponse> list(UUID communityId, WishStatus status, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Where where = new Where().and("c.id = w.communityId")
                .andIf(communityId, "w.communityId = :community", "community")
                .andIf(status, "w.status = :status", "status")
                .andIf(Cursor.decodeId(cursor), "w.id > :after", "after");
        List<Object[]> rows = where.bind(em.createQuery("SELECT w, c.name FROM Wish w, Community c" + where.sql()
                + " ORDER BY w.id", Object[].class)).setMaxResults(n + 1).getResultList();
        return Page.of(rows, n, row -> {
            Wish w = (Wish) row[0];
            return new PublicWishResponse(w.id, w.countyCode, w.communityId, (String) row[1], w.title, w.description,
                    w.estimatedCostFen, w.status, w.claimantId != null, w.fulfilledOn, w.createdAt);
        }, row -> Cursor.encodeId(((Wish) row[0]).id));
    }

    private Wish find(UUID id) {
        Wish w = Wish.findById(id);
        if (w == null) {
            throw ApiException.notFound("Wish", id);
        }
        return w;
    }

    private Wish lock(UUID id) {
        Wish w = em.find(Wish.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (w == null) {
            throw ApiException.notFound("Wish", id);
        }
        return w;
    }

    /** Whether the caller is the volunteer who claimed the wish (api.md: the claimer may unclaim or fulfil). */
    private boolean isClaimant(Wish w) {
        return w.claimantId != null && scope.access().isVolunteer(w.claimantId);
    }

    private static Place placeOf(Wish w) {
        return new Place(w.countyCode, w.communityId, w.gridId);
    }


    /** WISH_UPDATE to the worker who recorded the wish (older wishes name nobody). */
    private void tellCreator(Wish w, String slot, String title, String body) {
        if (w.createdBy != null && !w.createdBy.isBlank()) {
            notices.send(new Notice(new Recipient.Staff(w.createdBy), NoticeKind.WISH_UPDATE, w.id, slot, title, body,
                    false));
        }
    }
}
