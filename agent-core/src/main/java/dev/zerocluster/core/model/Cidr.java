package dev.zerocluster.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** An IPv4 address with its prefix length, such as {@code 10.42.0.1/24}. */
public record Cidr(Ipv4 address, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0–32");
        }
    }

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length; write it like 10.42.0.1/24");
        }
        String prefix = text.substring(slash + 1).trim();
        if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length; write it like 10.42.0.1/24");
        }
        return new Cidr(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(prefix));
    }

    public int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public Ipv4 network() {
        return new Ipv4(address.bits() & mask());
    }

    public Ipv4 broadcast() {
        return new Ipv4(address.bits() | ~mask());
    }

    public boolean contains(Ipv4 other) {
        return (other.bits() & mask()) == (address.bits() & mask());
    }

    /** Prefix length of a contiguous netmask such as 0xffffff00; -1 when the mask has holes. */
    public static int prefixOf(int mask) {
        int prefix = Integer.bitCount(mask);
        int expected = prefix == 0 ? 0 : -1 << (32 - prefix);
        return expected == mask ? prefix : -1;
    }

    @JsonValue
    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
