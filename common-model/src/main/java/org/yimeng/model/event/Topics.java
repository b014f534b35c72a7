package org.yimeng.model.event;

import java.util.List;

/** The Kafka topics of events.md; the only channel between the two services. */
public final class Topics {
    public static final String COMMUNITIES = "volunteer.communities.v1";
    public static final String FUNDING_REQUESTS = "volunteer.funding-requests.v1";
    public static final String FUNDING_DECISIONS = "ledger.funding-decisions.v1";
    public static final String DONATIONS = "ledger.donations.v1";
    public static final String INCOMING_DONATIONS = "ledger.incoming-donations.v1";
    public static final String INCOMING_DONATIONS_DLQ = "ledger.incoming-donations.dlq.v1";
    public static final String DIGESTS = "ledger.digests.v1";
    /** Notices for a delivery gateway outside the project (SMS, WeChat); keyed by recipient. */
    public static final String NOTIFICATIONS = "volunteer.notifications.v1";

    /** Header names set by every producer. */
    public static final String HEADER_EVENT_ID = "event-id";
    public static final String HEADER_EVENT_TYPE = "event-type";
    /** Set on DLQ records: why the record could not be applied. */
    public static final String HEADER_DLQ_REASON = "dlq-reason";

    /** Every topic, with whether it is compacted; used to create them (local stack) and to check manifests. */
    public record TopicSpec(String name, boolean compacted) {
    }

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(COMMUNITIES, true),
            new TopicSpec(FUNDING_REQUESTS, false),
            new TopicSpec(FUNDING_DECISIONS, false),
            new TopicSpec(DONATIONS, false),
            new TopicSpec(INCOMING_DONATIONS, false),
            new TopicSpec(INCOMING_DONATIONS_DLQ, false),
            new TopicSpec(DIGESTS, false),
            new TopicSpec(NOTIFICATIONS, false));

    private Topics() {
    }
}
