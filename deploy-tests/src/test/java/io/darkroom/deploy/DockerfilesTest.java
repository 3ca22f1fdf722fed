package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images copy exactly Quarkus's fast-jar layout. No Docker here, so the check is on the files: each COPY
 * source, with a packaged service substituted for ${SERVICE}, exists in that service's target/quarkus-app.
 */
class DockerfilesTest {

    private static final Pattern COPY = Pattern.compile("(?m)^COPY (?:--chown=\\S+ )?(\\S+) (\\S+)$");

    @Test
    void baseImagesAreTheAgreedOnes() throws Exception {
        assertThat(read("Dockerfile.jvm")).contains("FROM eclipse-temurin:17-jre\n");
        String gpu = read("Dockerfile.transcode-gpu");
        assertThat(gpu).containsPattern("FROM nvidia/cuda:[0-9.]+-runtime-ubuntu");
        assertThat(gpu).contains("NVIDIA_DRIVER_CAPABILITIES=compute,video,utility");
        assertThat(read("Dockerfile.jvm.dockerignore")).contains("!*/target/quarkus-app");
    }

    @Test
    void copiesTheFastJarLayoutOfAPackagedService() throws Exception {
        List<Path> packaged = new ArrayList<>();
        for (String service : ExportedMetrics.SERVICES) {
            Path app = Tools.repo().resolve(service).resolve("target/quarkus-app");
            if (Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                packaged.add(app);
            }
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(packaged.isEmpty(),
                "no service is packaged yet (./mvnw package): skipping the fast-jar layout check");
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.transcode-gpu")) {
            Matcher copy = COPY.matcher(read(dockerfile));
            int copies = 0;
            while (copy.find()) {
                String source = copy.group(1);
                if (source.startsWith("/")) {
                    continue;
                }
                copies++;
                Path app = packaged.get(0);
                String service = app.getParent().getParent().getFileName().toString();
                String relative = source.replace("${SERVICE}", service).replace("transcode-service", service);
                assertThat(Tools.repo().resolve(relative)).as(dockerfile + ": " + source).exists();
            }
            assertThat(copies).as(dockerfile).isEqualTo(4);
        }
    }

    private static String read(String name) throws Exception {
        return Files.readString(Tools.deploy("docker").resolve(name));
    }
}
