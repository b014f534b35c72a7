package org.yimeng.volunteer.household;

/** Kinds of need found by a needs survey (需求摸底). */
public enum NeedType {
    DAILY_CARE, MEDICAL, PSYCHOLOGICAL, HOUSEWORK, EDUCATION, EMPLOYMENT, LEGAL, OTHER
}
