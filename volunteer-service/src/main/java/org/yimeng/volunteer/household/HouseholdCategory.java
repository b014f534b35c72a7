package org.yimeng.volunteer.household;

/** Why a household is in difficulty (domain.md). */
public enum HouseholdCategory {
    ELDERLY_ALONE, DISABLED, LOW_INCOME, EXTREME_POVERTY, LEFT_BEHIND_CHILD, SERIOUS_ILLNESS, OTHER
}
