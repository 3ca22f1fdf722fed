package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every darkroom_* series a dashboard or alert rule names is one a service really exports. */
class MetricNamesTest {

    private static final Set<String> EXPORTED = ExportedMetrics.scan(Tools.repo());

    @Test
    void dashboardsNameOnlyExportedSeries() throws Exception {
        assertThat(Queries.inDashboards()).isNotEmpty();
        assertThat(unknownSeries(Queries.inDashboards())).isEmpty();
    }

    @Test
    void alertRulesNameOnlyExportedSeries() throws Exception {
        assertThat(Queries.inRules()).isNotEmpty();
        assertThat(unknownSeries(Queries.inRules())).isEmpty();
    }

    /** The scan itself: it finds each registration style the services use, named as Prometheus sees them. */
    @Test
    void scanFindsEachRegistrationStyle() {
        assertThat(EXPORTED).contains(
                "darkroom_ingest_files_known",                 // Gauge.builder("darkroom.ingest.files.known")
                "darkroom_ingest_files_published_total",       // Counter.builder: _total
                "darkroom_index_files_indexed_total",          // a constant passed to Counter.builder
                "darkroom_index_extraction_seconds_count",     // Timer.builder(constant): _seconds_*
                "darkroom_thumbnail_items_failed_total",       // registry.counter("darkroom_...", tags)
                "darkroom_transcode_seconds_sum",              // registry.timer("..._seconds"): no doubled unit
                "darkroom_gateway_thumbnails_awaited",         // registry.gauge(...)
                "darkroom_ingest_root_unavailable");
        assertThat(EXPORTED).doesNotContain("darkroom_transcode_seconds_seconds_count", "darkroom_ingest_files_known_total",
                "darkroom_index_extraction_seconds_bucket");
    }

    /** The check fails for a made-up series and for a counter named without its _total. */
    @Test
    void unknownSeriesAreReported() {
        List<Queries.Query> queries = List.of(
                new Queries.Query("made up", "rate(darkroom_ingest_files_invented_total[5m])"),
                new Queries.Query("counter without _total", "rate(darkroom_index_files_indexed[5m])"),
                new Queries.Query("fine", "sum(darkroom_ingest_files_known)"));
        assertThat(unknownSeries(queries)).containsExactly(
                "made up: darkroom_ingest_files_invented_total", "counter without _total: darkroom_index_files_indexed");
    }

    @Test
    void javaSourceStylesAreRecognised() {
        String source = """
                class M {
                    private static final String DONE = "darkroom.demo.done";
                    void register(MeterRegistry r) {
                        Counter.builder(DONE).register(r);
                        Timer.builder("darkroom.demo.work").register(r);
                        r.gauge("darkroom_demo_queue", queue, Queue::size);
                        r.counter("darkroom_demo_hits", "kind", "a").increment();
                        r.counter("http.other").increment();
                    }
                }
                """;
        assertThat(ExportedMetrics.seriesIn(source)).containsExactlyInAnyOrder("darkroom_demo_done_total",
                "darkroom_demo_work_seconds_count", "darkroom_demo_work_seconds_sum", "darkroom_demo_work_seconds_max",
                "darkroom_demo_queue", "darkroom_demo_hits_total");
    }

    private static List<String> unknownSeries(List<Queries.Query> queries) {
        List<String> unknown = new ArrayList<>();
        for (Queries.Query query : queries) {
            for (String series : ExportedMetrics.namedIn(query.expr())) {
                if (!EXPORTED.contains(series)) {
                    unknown.add(query.where() + ": " + series);
                }
            }
        }
        return unknown;
    }
}
