package io.darkroom.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void intoALogOnlyChangesAreWritten() {
        ProgressPrinter printer = new ProgressPrinter(out, false);

        printer.show("files 1 | indexed 0");
        printer.show("files 1 | indexed 0");
        printer.show("files 1 | indexed 1");

        assertThat(text()).isEqualTo("files 1 | indexed 0\nfiles 1 | indexed 1\n");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndMessagesGetTheirOwnLine() {
        ProgressPrinter printer = new ProgressPrinter(out, true);

        printer.show("files 10 | indexed 10");
        printer.show("files 9 | indexed 9");
        printer.message("index-service has stopped");

        assertThat(text()).isEqualTo("\rfiles 10 | indexed 10\rfiles 9 | indexed 9  \nindex-service has stopped\n");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
