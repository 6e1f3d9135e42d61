package dev.zerocluster.core.mqtt;

/** MQTT 3.1.1 §4.7 topic filter matching: '+' is one level, a trailing '#' any number (even none). */
public final class TopicFilter {
    private TopicFilter() {
    }

    public static boolean matches(String filter, String topic) {
        int f = 0;
        int t = 0;
        while (f < filter.length()) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (t < topic.length() && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
                continue;
            }
            if (t >= topic.length()) {
                // "a/#" also matches "a": the '#' stands for the parent level too.
                return filter.startsWith("/#", f) && f + 2 == filter.length();
            }
            if (c != topic.charAt(t)) {
                return false;
            }
            f++;
            t++;
        }
        return t == topic.length();
    }
}
