package dev.zerocluster.node.tweaks;

/** What a tweak looks like on the running board, as the health report's {@code tweaks} spell it. */
public enum TweakState {
    OFF("off"),
    ON("on"),
    /** The boot files say one thing, the running system still the other: a reboot finishes it. */
    PENDING_REBOOT("pending-reboot");

    private final String word;

    TweakState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The report's value: the word, or null when the state could not be read. */
    public static String word(TweakState state) {
        return state == null ? null : state.word;
    }
}
