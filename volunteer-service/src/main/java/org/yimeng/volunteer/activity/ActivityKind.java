package org.yimeng.volunteer.activity;

/** FAIR 志愿大集 (universal services), EMERGENCY 应急 (call-out), REGULAR (anything else). */
public enum ActivityKind {
    FAIR, EMERGENCY, REGULAR
}
