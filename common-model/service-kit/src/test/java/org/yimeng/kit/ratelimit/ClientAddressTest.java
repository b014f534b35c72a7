package org.yimeng.kit.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void untrustedPeerIsCountedWhateverItsXForwardedForSays() {
        assertEquals("203.0.113.9", ClientAddress.resolve("203.0.113.9", List.of("198.51.100.1"), PROXIES));
    }

    @Test
    void trustedProxyNamesTheClientItAdded() {
        assertEquals("198.51.100.1", ClientAddress.resolve("10.1.2.3", List.of("198.51.100.1"), PROXIES));
    }

    @Test
    void aHopTheClientWroteItselfIsNotBelieved() {
        // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw
        assertEquals("198.51.100.1", ClientAddress.resolve("10.1.2.3", List.of("1.2.3.4, 198.51.100.1"), PROXIES));
    }

    @Test
    void chainedTrustedProxiesAreSkippedFromTheRight() {
        assertEquals("198.51.100.1",
                ClientAddress.resolve("10.1.2.3", List.of("198.51.100.1, 192.168.1.5", "10.9.9.9"), PROXIES));
    }

    @Test
    void garbageOrHostNamesInTheHeaderAreNeverUsedAsTheAddress() {
        assertEquals("10.1.2.3", ClientAddress.resolve("10.1.2.3", List.of("example.com"), PROXIES));
        assertEquals("198.51.100.1", ClientAddress.resolve("10.1.2.3", List.of("evil, 198.51.100.1"), PROXIES));
        assertEquals("10.1.2.3", ClientAddress.resolve("10.1.2.3", List.of(""), PROXIES));
    }

    @Test
    void trustedProxyWithoutTheHeaderCountsAsItself() {
        assertEquals("10.1.2.3", ClientAddress.resolve("10.1.2.3", List.of(), PROXIES));
    }

    @Test
    void ipv6BlocksAndBracketedHopsWork() {
        assertEquals("2001:db8:0:0:0:0:0:7", ClientAddress.resolve("fd12::1", List.of("[2001:db8::7]"), PROXIES));
        assertEquals("2001:db8:0:0:0:0:0:7", ClientAddress.resolve("2001:db8::7", List.of("198.51.100.1"), PROXIES));
    }

    @Test
    void cidrPrefixesMatchOnlyTheirBlock() throws Exception {
        TrustedProxies p = TrustedProxies.of(List.of("172.16.0.0/12"));
        assertTrue(p.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(p.contains(InetAddress.getByName("172.32.0.0")));
        assertFalse(p.contains(InetAddress.getByName("::1")));
        assertFalse(TrustedProxies.none().contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void aMisconfiguredProxyEntryFailsStartUp() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
    }
}
