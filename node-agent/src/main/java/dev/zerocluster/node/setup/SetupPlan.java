package dev.zerocluster.node.setup;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code zc-node setup} would change, worked out before anything is written, with the
 * notes and warnings a user should read.
 *
 * @param header  what board and boot partition this is about
 */
public record SetupPlan(String header, List<SetupChange> changes, List<String> notes, List<String> warnings) {

    public SetupPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** Collects a plan as the parts of the setup add to it. */
    static final class Builder {
        private final List<SetupChange> changes = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        void change(SetupChange change) {
            changes.add(change);
        }

        void note(String note) {
            notes.add(note);
        }

        void warn(String warning) {
            warnings.add(warning);
        }

        SetupPlan build(String header) {
            return new SetupPlan(header, changes, notes, warnings);
        }
    }

    public boolean changesSomething() {
        return !changes.isEmpty();
    }

    /** Makes the changes, in order. */
    public void apply() throws IOException {
        for (SetupChange c : changes) {
            c.action().apply();
        }
    }

    /** Prints the header, each path with its changes and when they take effect, then notes and warnings. */
    public void print(PrintWriter out) {
        out.println(header);
        if (changes.isEmpty()) {
            out.println("Nothing to change: this node is set up.");
        }
        for (SetupChange c : changes) {
            out.println(c.path() + (c.what().isEmpty() ? "" : " " + c.what()) + "  [" + c.takesEffect() + "]");
            for (String line : c.changes()) {
                out.println("  " + line);
            }
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
        for (String warning : warnings) {
            out.println("warning: " + warning);
        }
        out.flush();
    }

    /** The last line: done or only shown (--dry-run), and whether a reboot finishes it. */
    public void printOutcome(PrintWriter out, boolean applied) {
        if (!changes.isEmpty()) {
            boolean reboot = changes.stream().anyMatch(c -> c.takesEffect().startsWith(SetupChange.NEXT_BOOT));
            out.println(applied
                    ? (reboot ? "Done. Reboot to finish: sudo reboot" : "Done.")
                    : "Dry run: nothing was written." + (reboot ? " These changes take effect after a reboot." : ""));
        }
        out.flush();
    }
}
