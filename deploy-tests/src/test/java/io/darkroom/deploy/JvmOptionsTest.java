package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.localstack.launcher.DarkroomService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * A service's own JVM options (index-service's C1-only JIT, docs/decisions.md) are set in three launchers: the local
 * one ({@link DarkroomService#jvmOptions()}), docker-compose.yml (a service's {@code JAVA_OPTS} over the image's) and
 * systemd (a service's env file over the unit's {@code JAVA_OPTS}). They must agree, and an override must keep the
 * defaults it replaces.
 */
class JvmOptionsTest {

    private static final Pattern DOCKERFILE_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");
    private static final Pattern UNIT_OPTS = Pattern.compile("Environment=\"JAVA_OPTS=([^\"]*)\"");

    @Test
    void composeGivesEachServiceTheLauncherOptionsOverTheImageDefaults() throws IOException {
        List<String> imageDefaults = options(match(DOCKERFILE_OPTS, Tools.deploy("docker/Dockerfile.jvm")));
        assertThat(imageDefaults).contains("-XX:+ExitOnOutOfMemoryError");
        Map<String, Object> services = map(new Yaml().<Map<String, Object>>load(
                Files.readString(Tools.repo().resolve("docker-compose.yml"))).get("services"));
        for (DarkroomService service : DarkroomService.values()) {
            Object override = map(map(services.get(service.module())).get("environment")).get("JAVA_OPTS");
            List<String> own = override == null ? List.of() : beyond(imageDefaults, options((String) override));
            assertThat(own).as(service + " in docker-compose.yml").isEqualTo(service.jvmOptions());
        }
    }

    @Test
    void systemdEnvFilesGiveEachServiceTheLauncherOptionsOverTheUnitDefaults() throws IOException {
        List<String> unitDefaults = options(match(UNIT_OPTS, Tools.deploy("systemd/darkroom@.service")));
        assertThat(unitDefaults).contains("-XX:+ExitOnOutOfMemoryError");
        for (DarkroomService service : DarkroomService.values()) {
            Path envFile = Tools.deploy("systemd/" + service.module() + ".env.example");
            Optional<String> override = Files.isRegularFile(envFile) ? Files.readAllLines(envFile).stream()
                    .filter(line -> line.startsWith("JAVA_OPTS=")).map(line -> line.substring("JAVA_OPTS=".length()))
                    .findFirst() : Optional.empty();
            List<String> own = override.map(value -> beyond(unitDefaults, options(value))).orElse(List.of());
            assertThat(own).as(service + " in " + envFile.getFileName()).isEqualTo(service.jvmOptions());
        }
    }

    /** The options after the defaults, which an override must keep as its first options. */
    private static List<String> beyond(List<String> defaults, List<String> override) {
        assertThat(override).as("an override keeps the defaults").startsWith(defaults.toArray(String[]::new));
        return new ArrayList<>(override.subList(defaults.size(), override.size()));
    }

    private static List<String> options(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }

    private static String match(Pattern pattern, Path file) throws IOException {
        Matcher m = pattern.matcher(Files.readString(file));
        assertThat(m.find()).as(pattern + " in " + file).isTrue();
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
