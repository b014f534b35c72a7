package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Account strings: the documented scheme (docs/ledger-hash.md), parsed and formatted in one place. */
class AccountTest {
    private static final UUID COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c1");
    private static final UUID ACTIVITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000a1");

    @Test
    void formatsTheThreeKindsAsTheHashLineNamesThem() {
        assertEquals("city:donations-in", Account.DONATIONS_IN.format());
        assertEquals("community:0196e1a2-0000-7000-8000-0000000000c1:fund", Account.fund(COMMUNITY).format());
        assertEquals("activity:0196e1a2-0000-7000-8000-0000000000a1:spending", Account.spending(ACTIVITY).format());
    }

    @Test
    void parsesWhatItFormatsBackToTheSameAccount() {
        assertSame(Account.DONATIONS_IN, Account.parse(Account.DONATIONS_IN.format()));
        assertEquals(Account.fund(COMMUNITY), Account.parse(Account.fund(COMMUNITY).format()));
        assertEquals(Account.spending(ACTIVITY), Account.parse(Account.spending(ACTIVITY).format()));
        Account.Spending s = assertInstanceOf(Account.Spending.class, Account.parse(Account.spending(ACTIVITY).format()));
        assertEquals(ACTIVITY, s.activityId());
        Account.Fund f = assertInstanceOf(Account.Fund.class, Account.parse(Account.fund(COMMUNITY).format()));
        assertEquals(COMMUNITY, f.communityId());
    }

    @Test
    void namesTheBalanceKindOfEachAccount() {
        assertEquals("DONATIONS_IN", Account.DONATIONS_IN.kind());
        assertEquals("FUND", Account.fund(COMMUNITY).kind());
        assertEquals("SPENDING", Account.spending(ACTIVITY).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "city:donations", "City:donations-in", "community::fund", "community:fund",
            "community:not-a-uuid:fund", "community:0196e1a2-0000-7000-8000-0000000000c1:spending",
            "activity:0196e1a2-0000-7000-8000-0000000000a1:fund", "community:0196E1A2-0000-7000-8000-0000000000C1:fund",
            "community:1-1-1-1-1:fund", " community:0196e1a2-0000-7000-8000-0000000000c1:fund"})
    void refusesStringsThatAreNoAccountOrNotItsCanonicalSpelling(String s) {
        assertThrows(IllegalArgumentException.class, () -> Account.parse(s));
    }

    @Test
    void refusesNullAndAccountsWithoutTheirOwner() {
        assertThrows(IllegalArgumentException.class, () -> Account.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Account.fund(null));
        assertThrows(IllegalArgumentException.class, () -> Account.spending(null));
    }
}
