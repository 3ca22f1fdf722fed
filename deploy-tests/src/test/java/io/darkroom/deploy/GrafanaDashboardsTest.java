package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/grafana: dashboards that load, use the provisioned datasource, and hold valid PromQL. */
class GrafanaDashboardsTest {

    @Test
    void everyPanelUsesTheProvisionedDatasource() throws Exception {
        JsonNode datasources = new YAMLMapper().readTree(Tools.deploy("grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasources.path("datasources").get(0).path("uid").asText();
        assertThat(uid).isNotBlank();

        Set<String> dashboardUids = new HashSet<>();
        List<Path> dashboards = Queries.dashboards();
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);
        for (Path file : dashboards) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(dashboardUids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            for (JsonNode panel : dashboard.path("panels")) {
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(file + " " + panel.path("title")).isLessThanOrEqualTo(24);
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText()).as(file + " " + panel.path("title")).isEqualTo(uid);
                assertThat(panel.path("targets")).as(file + " " + panel.path("title")).isNotEmpty();
            }
        }
    }

    @Test
    void dashboardsCoverThePipelineTheIssueAsksFor() throws Exception {
        String all = String.join("\n", Queries.inDashboards().stream().map(Queries.Query::expr).toList());
        assertThat(all).contains("kafka_consumergroup_lag", ".dlq", "darkroom_transcode_seconds_count",
                "darkroom_transcode_gpu_encoder", "http_server_requests_seconds", "jvm_memory_used_bytes",
                "darkroom_ingest_files_published_total", "darkroom_index_files_indexed_total",
                "darkroom_thumbnail_items_completed_total", "darkroom_transcode_items_completed_total");
    }

    /** Every dashboard query as a recording rule, so promtool's parser checks its PromQL. */
    @Test
    void dashboardQueriesAreValidPromQL(@TempDir Path dir) throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Queries.Query query : Queries.inDashboards()) {
            rules.append("      - record: dashboard_query_").append(n++).append('\n')
                    .append("        expr: ").append(new ObjectMapper().writeValueAsString(query.expr())).append('\n');
        }
        Files.writeString(dir.resolve("dashboards.yml"), rules);
        Tools.Result result = Tools.run(dir, 60, promtool.toString(), "check", "rules", "dashboards.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }
}
