package org.yimeng.volunteer.volunteer;

public enum Gender {
    MALE, FEMALE
}
