package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/prometheus checked by Prometheus's own promtool (Debian package {@code prometheus}). */
class PrometheusConfigTest {

    private final Path dir = Tools.deploy("prometheus");

    @Test
    void scrapeConfigAndTheRulesItLoadsAreValid() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result result = Tools.run(dir, 60, promtool.toString(), "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("rules found");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result result = Tools.run(dir, 60, promtool.toString(), "check", "rules", "rules/darkroom.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** tests/darkroom.test.yml: each alert fires on the series that mean trouble and not on healthy ones. */
    @Test
    void alertsFireOnTroubleAndOnlyThen() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result result = Tools.run(dir.resolve("tests"), 60, promtool.toString(), "test", "rules", "darkroom.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
