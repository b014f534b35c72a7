package org.yimeng.kit.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A set of proxy addresses and CIDR blocks, e.g. {@code 10.0.0.0/8, 127.0.0.1, fd00::/8}. */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Block(byte[] network, int prefix) {
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses the configured entries; an entry that is not an address or a CIDR block fails start-up. */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress ip = literal(address).orElseThrow(
                    () -> new IllegalArgumentException("kit.rate-limit.trusted-proxies: not an address: " + raw));
            int bits = ip.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("kit.rate-limit.trusted-proxies: bad prefix: " + raw);
                }
            }
            blocks.add(new Block(ip.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public static TrustedProxies of(Optional<List<String>> entries) {
        return entries.map(TrustedProxies::of).orElseGet(TrustedProxies::none);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        for (Block b : blocks) {
            if (b.network().length == a.length && samePrefix(b.network(), a, b.prefix())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IP literal, never a host name: nothing here may cause a DNS look-up, whatever a client sends. IPv6 may come
     * in brackets; an IPv4-mapped IPv6 address comes back as IPv4 (Java's own rule).
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45 || !(IPV4.matcher(s).matches() || IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: parsed, not resolved
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean samePrefix(byte[] network, byte[] address, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (network[full] & mask) == (address[full] & mask);
    }
}
