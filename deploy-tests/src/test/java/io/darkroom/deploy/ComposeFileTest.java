package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml checked without Docker: its structure, and that it agrees with the rest of deploy/ (the
 * ports Prometheus scrapes, the folders Grafana and nginx read, the variables env.example documents).
 */
class ComposeFileTest {

    private static final Map<String, Integer> PORTS = Map.of("api-gateway", 8080, "ingest-service", 8081,
            "index-service", 8082, "thumbnail-service", 8083, "transcode-service", 8084);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    private final String text = read(Tools.repo().resolve("docker-compose.yml"));
    private final Map<String, Object> compose = new Yaml().load(text);
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void runsTheWholeSystem() {
        assertThat(services).containsKeys("kafka", "mariadb", "nginx", "prometheus", "grafana", "kafka-exporter",
                "mysqld-exporter", "node-exporter");
        assertThat(services).containsKeys(PORTS.keySet().toArray(String[]::new));
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:");
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void mariadbHasAHealthCheckAndAPersistentVolume() {
        Map<String, Object> mariadb = service("mariadb");
        assertThat(map(mariadb.get("healthcheck"))).containsKey("test");
        assertThat(list(mariadb.get("volumes"))).anySatisfy(v -> assertThat(v).isEqualTo("mariadb-data:/var/lib/mysql"));
        assertThat(map(compose.get("volumes"))).containsKey("mariadb-data");
        for (String dependent : List.of("index-service", "api-gateway")) {
            assertThat(map(map(service(dependent).get("depends_on")).get("mariadb"))).containsEntry("condition", "service_healthy");
        }
    }

    @Test
    void eachServiceGetsTheEnvironmentTheArchitectureNames() {
        PORTS.forEach((name, port) -> {
            Map<String, Object> env = env(name);
            assertThat(env).as(name).containsEntry("QUARKUS_HTTP_PORT", port.toString());
            assertThat(env).as(name).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            assertThat(env).as(name).containsKeys("DARKROOM_STORAGE_PATH", "DARKROOM_LIBRARY_ROOTS_LIBRARY");
            assertThat((String) env.get("JAVA_OPTS_APPEND")).as(name).contains("-Ddarkroom.library.roots.library=/library");
            Map<String, Object> build = map(service(name).get("build"));
            assertThat(map(build.get("args"))).as(name).containsEntry("SERVICE", name);
            assertThat(Tools.repo().resolve((String) build.get("dockerfile"))).as(name).isRegularFile();
        });
        // Only the catalog's readers reach MariaDB; the workers (which may run on other nodes) never do.
        for (String name : List.of("index-service", "api-gateway")) {
            assertThat(env(name)).containsKeys("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD");
        }
        for (String name : List.of("ingest-service", "thumbnail-service", "transcode-service")) {
            assertThat(env(name).keySet()).as(name).noneMatch(k -> k.startsWith("DB_"));
        }
    }

    @Test
    void workersCanBeScaled() {
        for (String worker : List.of("thumbnail-service", "transcode-service")) {
            assertThat(service(worker)).as(worker).doesNotContainKeys("container_name", "ports", "hostname");
        }
    }

    @Test
    void onlyNginxFacesTheInternet() {
        services.forEach((name, definition) -> {
            for (Object port : list(map(definition).get("ports"))) {
                assertThat(port.toString()).as(name).matches("(127\\.0\\.0\\.1|\\$\\{DARKROOM_PRIVATE_IP}):.*");
            }
        });
        assertThat(service("nginx")).containsEntry("network_mode", "host");
    }

    @Test
    void prometheusScrapesTheServicesWhereComposeRunsThem() throws Exception {
        JsonNode prometheus = new YAMLMapper().readTree(Tools.deploy("prometheus/prometheus.yml").toFile());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode target : sc.path("targets")) {
                    scraped.add(target.asText());
                }
            }
            for (JsonNode dns : job.path("dns_sd_configs")) {
                for (JsonNode name : dns.path("names")) {
                    scraped.add(name.asText() + ":" + dns.path("port").asInt());
                }
            }
            for (JsonNode file : job.path("file_sd_configs")) {
                for (JsonNode f : file.path("files")) {
                    assertThat(Tools.deploy("prometheus").resolve(f.asText())).isRegularFile();
                }
            }
        }
        PORTS.forEach((name, port) -> assertThat(scraped).contains(name + ":" + port));
        for (String target : scraped) {
            String host = target.substring(0, target.indexOf(':'));
            if (!host.equals("localhost")) {
                assertThat(services).as("scrape target " + target).containsKey(host);
            }
        }
    }

    @Test
    void mountedFilesExistAndLandWhereTheirReadersLook() throws Exception {
        services.forEach((name, definition) -> {
            for (Object volume : list(map(definition).get("volumes"))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Tools.repo().resolve(source.substring(2))).as(name + " mounts " + source).exists();
                }
            }
        });
        JsonNode provider = new YAMLMapper().readTree(Tools.deploy("grafana/provisioning/dashboards/darkroom.yml").toFile());
        String dashboards = provider.path("providers").get(0).path("options").path("path").asText();
        assertThat(list(service("grafana").get("volumes"))).contains("./deploy/grafana/dashboards:" + dashboards + ":ro");
        JsonNode datasource = new YAMLMapper().readTree(Tools.deploy("grafana/provisioning/datasources/prometheus.yml").toFile());
        assertThat(datasource.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");

        String site = read(Tools.deploy("nginx/darkroom.conf"));
        assertThat(site).contains("include /etc/nginx/snippets/cloudflare-realip.conf;", "server 127.0.0.1:8080;");
        assertThat(list(service("nginx").get("volumes"))).contains("./deploy/nginx/snippets:/etc/nginx/snippets:ro");
        assertThat(list(service("api-gateway").get("ports"))).contains("127.0.0.1:8080:8080");
    }

    @Test
    void everyVariableWithoutADefaultIsInEnvExample() {
        Set<String> documented = new TreeSet<>();
        for (String line : read(Tools.deploy("env.example")).split("\n")) {
            if (line.matches("[A-Z0-9_]+=.*")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }
        List<String> missing = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text.replace("$$", ""));
        while (m.find()) {
            if (!documented.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertThat(missing).isEmpty();
    }

    private Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private Map<String, Object> env(String name) {
        return map(service(name).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<?>) value);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
