package dev.zerocluster.master.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * How Mosquitto 2.0.11 decides on an ACL file, rebuilt from its source so that the generated file can
 * be compared with {@link AccessPolicy} on many topics without a broker (the broker tests check the
 * same file against the real thing on the cases that matter most). Follows {@code aclfile__parse},
 * {@code add__acl} and {@code mosquitto_acl_check_default} in {@code src/security_default.c} and
 * {@code mosquitto_topic_matches_sub} in {@code lib/util_topic.c}, for a client whose id is its user
 * name ({@code use_username_as_clientid true}).
 */
final class MosquittoAclModel {
    enum Access { READ, WRITE }

    private record Rule(String user, String topic, boolean read, boolean write, boolean deny, boolean pattern) {
    }

    private final List<Rule> rules = new ArrayList<>();

    MosquittoAclModel(String aclFile) {
        String user = null;
        for (String raw : aclFile.split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "user" -> user = line.substring("user".length()).strip();
                case "topic", "pattern" -> {
                    String access = words.length == 3 ? words[1] : "readwrite";
                    String topic = (words.length == 3 ? words[2] : words[1]).strip();
                    boolean read = access.equals("read") || access.equals("readwrite");
                    boolean write = access.equals("write") || access.equals("readwrite");
                    boolean deny = access.equals("deny");
                    if (!read && !write && !deny) {
                        throw new IllegalArgumentException("invalid access in: " + line);
                    }
                    boolean pattern = words[0].equals("pattern");
                    rules.add(new Rule(pattern ? null : user, topic, read, write, deny, pattern));
                }
                default -> throw new IllegalArgumentException("Mosquitto refuses the line: " + line);
            }
        }
    }

    boolean allows(String user, String topic, Access access) {
        // The user's own lines, deny lines first, then the patterns, deny lines first.
        Boolean decision = decide(rules.stream().filter(r -> !r.pattern() && user.equals(r.user())).toList(),
                user, topic, access);
        if (decision != null) {
            return decision;
        }
        List<Rule> patterns = rules.stream().filter(Rule::pattern).toList();
        if (!patterns.isEmpty() && (user.indexOf('+') >= 0 || user.indexOf('#') >= 0)) {
            return false; // "ACL denying access to client with dangerous username"
        }
        decision = decide(patterns, user, topic, access);
        return decision != null && decision;
    }

    private static Boolean decide(List<Rule> candidates, String user, String topic, Access access) {
        List<Rule> ordered = new ArrayList<>(candidates.stream().filter(Rule::deny).toList());
        ordered.addAll(candidates.stream().filter(r -> !r.deny()).toList());
        for (Rule rule : ordered) {
            String filter = rule.pattern() ? rule.topic().replace("%u", user).replace("%c", user) : rule.topic();
            if (topic.startsWith("$") && !filter.startsWith("$")) {
                continue;
            }
            if (!matches(filter, topic)) {
                continue;
            }
            if (rule.deny()) {
                return false;
            }
            if (access == Access.READ ? rule.read() : rule.write()) {
                return true;
            }
        }
        return null;
    }

    /** MQTT filter matching; a trailing '#' also matches the parent level ("a/#" matches "a"). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
