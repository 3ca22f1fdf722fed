package io.darkroom.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProgressProbeTest {

    @Test
    void readsTheIngestGaugeFromPrometheusText() {
        String metrics = """
                # HELP darkroom_ingest_files_known files under the roots
                # TYPE darkroom_ingest_files_known gauge
                darkroom_ingest_files_known{root="library"} 42.0
                darkroom_ingest_files_known_other 7.0
                """;
        assertThat(ProgressProbe.gauge(metrics, ProgressProbe.FILES_KNOWN_GAUGE)).isEqualTo(42L);
        assertThat(ProgressProbe.gauge("darkroom_ingest_files_known 3\n", ProgressProbe.FILES_KNOWN_GAUGE)).isEqualTo(3L);
        assertThat(ProgressProbe.gauge("other 1\n", ProgressProbe.FILES_KNOWN_GAUGE)).isNull();
    }

    @Test
    void readsTheLibraryStatusCounts() {
        String json = "{\"items\":10,\"indexed\":9,\"failed\":1,\"missing\":0,\"thumbnailsDone\":8,"
                + "\"transcodesDone\":2,\"transcodesPending\":1}";
        assertThat(ProgressProbe.field(json, "thumbnailsDone")).isEqualTo(8L);
        assertThat(ProgressProbe.field(json, "transcodesDone")).isEqualTo(2L);
        assertThat(ProgressProbe.field(json, "nope")).isNull();
    }

    @Test
    void showsAQuestionMarkForWhatDoesNotAnswer() {
        LibraryProgress progress = new ProgressProbe(URI.create("http://127.0.0.1:1/"), URI.create("http://127.0.0.1:1/"), "pw").read();
        assertThat(progress.line()).isEqualTo("files ? | indexed ? | thumbnailed ? | transcoded ? | failed ?");
    }
}
