package org.yimeng.kit.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request counts against. The socket's peer, unless that peer is a trusted proxy: then the address
 * that the proxy added to {@code X-Forwarded-For}, i.e. the nearest hop, reading from the right, that is not itself
 * a trusted proxy. Hops further left were written by the client (or proxies nobody vouches for) and could be
 * anything, so a client cannot pick its own bucket by sending the header.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param peer          the socket's remote address (an IP literal)
     * @param forwardedFor  every {@code X-Forwarded-For} header value, in order
     */
    public static String resolve(String peer, List<String> forwardedFor, TrustedProxies trusted) {
        Optional<InetAddress> peerIp = TrustedProxies.literal(peer);
        if (peerIp.isEmpty()) {
            return peer == null ? "unknown" : peer;
        }
        if (!trusted.contains(peerIp.get()) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peerIp.get().getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peerIp.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = TrustedProxies.literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage in the chain: believe nothing further left, count against the last good hop
            }
            client = hop.get();
            if (!trusted.contains(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }
}
