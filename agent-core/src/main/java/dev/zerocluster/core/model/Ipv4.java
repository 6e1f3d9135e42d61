package dev.zerocluster.core.model;

/** An IPv4 address as its 32 bits; parsing never asks DNS. */
public record Ipv4(int bits) {

    /** Dotted quad, each part 0–255 without leading zeros (which some tools read as octal). */
    public static Ipv4 parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 10.42.0.1");
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 10.42.0.1");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 10.42.0.1");
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4(bits);
    }

    @Override
    public String toString() {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
