package org.yimeng.volunteer.servicerecord;

/** What a service record came from. */
public enum SourceKind {
    VISIT, ACTIVITY, WISH
}
