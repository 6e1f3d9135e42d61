package dev.zerocluster.core.model;

import java.util.regex.Pattern;

/**
 * A Linux network interface name. The kernel allows up to 15 bytes (IFNAMSIZ − 1) and forbids '/',
 * ':' and white space (net/core/dev.c {@code dev_valid_name}); we also keep to characters that are
 * safe in a file name and as a command argument.
 */
public record InterfaceName(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_*?][A-Za-z0-9_.*?-]{0,14}");

    public InterfaceName {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an interface name (1–15 letters, digits,"
                    + " '_', '.', '-')");
        }
    }

    public static InterfaceName parse(String value) {
        return new InterfaceName(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** A shell-style pattern such as {@code usb*} or {@code enx*}; validated, returned as written. */
    public static String parsePattern(String value) {
        if (value == null || !GLOB.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an interface name pattern such as usb*");
        }
        return value;
    }

    /** Whether {@code name} matches a pattern from {@link #parsePattern} ('*' any run, '?' one char). */
    public static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    private static boolean matches(String p, int pi, String n, int ni) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ni; k <= n.length(); k++) {
                    if (matches(p, pi + 1, n, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ni >= n.length() || (c != '?' && c != n.charAt(ni))) {
                return false;
            }
            pi++;
            ni++;
        }
        return ni == n.length();
    }

    @Override
    public String toString() {
        return value;
    }
}
