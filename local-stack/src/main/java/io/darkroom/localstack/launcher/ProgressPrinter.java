package io.darkroom.localstack.launcher;

import java.io.PrintStream;

/**
 * Shows the progress line: on a terminal it is rewritten in place; into a file or pipe a line is written only
 * when the counts change, so a log of a long run is not thousands of identical lines.
 */
final class ProgressPrinter {

    private final PrintStream out;
    private final boolean terminal;
    private String last = "";

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(String line) {
        if (terminal) {
            // Pad so a shorter line fully covers the previous one.
            out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
            out.flush();
        } else if (!line.equals(last)) {
            out.println(line);
        }
        last = line;
    }

    /** Prints a message on its own line, leaving the progress line intact below it on a terminal. */
    void message(String text) {
        if (terminal && !last.isEmpty()) {
            out.println();
        }
        out.println(text);
        if (terminal) {
            last = "";
        }
    }
}
