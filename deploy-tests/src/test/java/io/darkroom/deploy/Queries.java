package io.darkroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The PromQL that deploy/ writes: alert rule expressions and Grafana dashboard targets. */
final class Queries {

    record Query(String where, String expr) {
    }

    private Queries() {
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Tools.deploy("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<Query> inRules() throws IOException {
        List<Query> queries = new ArrayList<>();
        JsonNode root = new YAMLMapper().readTree(Tools.deploy("prometheus/rules/darkroom.yml").toFile());
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.add(new Query("rule " + rule.path("alert").asText(rule.path("record").asText()),
                        rule.path("expr").asText()));
            }
        }
        return queries;
    }

    static List<Query> inDashboards() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path dashboard : dashboards()) {
            JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
            collect(root, dashboard.getFileName() + ": " + root.path("title").asText(), queries);
        }
        return queries;
    }

    /** Every "expr" under a dashboard node, named after the panel that holds it. */
    private static void collect(JsonNode node, String where, List<Query> into) {
        if (node.isObject()) {
            String here = node.has("title") && node.has("type") ? where + " / " + node.get("title").asText() : where;
            if (node.path("expr").isTextual()) {
                into.add(new Query(here, node.get("expr").asText()));
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), here, into));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, where, into));
        }
    }
}
