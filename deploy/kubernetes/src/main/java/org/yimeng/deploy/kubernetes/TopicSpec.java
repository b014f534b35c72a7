package org.yimeng.deploy.kubernetes;

/** A Kafka topic of events.md and whether it is compacted; mirrors org.yimeng.model.event.Topics.TopicSpec. */
public record TopicSpec(String name, boolean compacted) {
}
