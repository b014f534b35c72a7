package org.yimeng.model;

/** 村 or 社区. */
public enum CommunityKind {
    VILLAGE, COMMUNITY
}
