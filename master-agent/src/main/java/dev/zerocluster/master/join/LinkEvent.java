package dev.zerocluster.master.join;

/**
 * A network interface appeared, changed or went away, as {@code ip -o monitor link} reports it.
 * {@code up} is the kernel's operational state UP (or an administratively up link whose driver
 * reports no state); {@code mac} may be null for links without one.
 */
public record LinkEvent(Kind kind, int index, String name, boolean up, String mac, String master) {

    public enum Kind { PRESENT, REMOVED }

    /**
     * Parses one line of {@code ip -o link show} or {@code ip -o monitor link}:
     * {@code [Deleted ]3: usb5@p5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 … master zc0 state UP … link/ether 92:2c:… brd …}.
     * Null for a line that is not about a link.
     */
    public static LinkEvent parse(String line) {
        String s = line.strip();
        Kind kind = Kind.PRESENT;
        if (s.startsWith("Deleted ")) {
            kind = Kind.REMOVED;
            s = s.substring("Deleted ".length());
        }
        int colon = s.indexOf(": ");
        if (colon <= 0) {
            return null;
        }
        int index;
        try {
            index = Integer.parseInt(s.substring(0, colon));
        } catch (NumberFormatException e) {
            return null;
        }
        int nameEnd = s.indexOf(": ", colon + 2);
        if (nameEnd < 0) {
            return null;
        }
        String name = s.substring(colon + 2, nameEnd);
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at);
        }
        String rest = s.substring(nameEnd + 2);
        String flags = "";
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            flags = close > 0 ? rest.substring(1, close) : "";
        }
        String state = word(rest, " state ");
        boolean adminUp = ("," + flags + ",").contains(",UP,");
        boolean lowerUp = ("," + flags + ",").contains(",LOWER_UP,");
        boolean up = "UP".equals(state) || ("UNKNOWN".equals(state) && adminUp && lowerUp);
        return new LinkEvent(kind, index, name, up, word(rest, "link/ether "), word(rest, " master "));
    }

    private static String word(String s, String key) {
        int i = s.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = start;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '\\') {
            end++;
        }
        return end > start ? s.substring(start, end) : null;
    }
}
