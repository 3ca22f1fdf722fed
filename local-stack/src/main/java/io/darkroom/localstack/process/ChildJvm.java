package io.darkroom.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Starts a Java process with the same {@code java} that runs the caller, its output appended to a log file. */
public final class ChildJvm {

    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    private ChildJvm() {
    }

    /** The {@code java} binary of the running JVM, so children get the same version the caller was tested with. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. Its stdin stays a pipe held by this JVM:
     * children that call {@link ParentWatchdog} exit when it closes, i.e. when this JVM dies, even by kill -9.
     */
    public static Process start(List<String> jvmOptions, List<Path> classpath, String mainClass, List<String> args,
            Path logFile, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(ChildClasspath.join(classpath));
        command.add(mainClass);
        command.addAll(args);
        return startCommand(command, logFile, environment);
    }

    /**
     * Starts any command with its stdout and stderr appended to {@code logFile}. On Linux through {@code setsid}
     * (which execs in place, so the pid is the command's): Ctrl-C in a terminal signals the whole foreground process
     * group, and the broker must not stop before the services that the launcher is still stopping.
     */
    public static Process startCommand(List<String> command, Path logFile, Map<String, String> environment) {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            synchronized (Ports.PROBE_OR_SPAWN) { // the child must not inherit a port probe's socket
                return builder.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " (log " + logFile + ")", e);
        }
    }
}
