package dev.zerocluster.node.tweaks;

/**
 * What one tweak did or found.
 *
 * @param tweak   {@code hdmi} or {@code act-led}
 * @param state   the state after the action; null when it cannot be read
 * @param ok      false when the tweak could not be brought where it was asked to go
 * @param message what happened, in a sentence a user can act on
 */
public record TweakResult(String tweak, TweakState state, boolean ok, String message) {

    static TweakResult ok(String tweak, TweakState state, String message) {
        return new TweakResult(tweak, state, true, message);
    }

    static TweakResult failed(String tweak, TweakState state, String message) {
        return new TweakResult(tweak, state, false, message);
    }

    /** One line for the command line: {@code hdmi: pending-reboot (…)}. */
    public String line() {
        return tweak + ": " + (state == null ? "unknown" : state.word()) + " (" + message + ")";
    }
}
