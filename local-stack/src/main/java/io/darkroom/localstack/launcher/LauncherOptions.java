package io.darkroom.localstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The launcher's command line. */
record LauncherOptions(Path library, Path dataDir, int portBase) {

    static final String USAGE = """
            usage: darkroom up --library <folder> [--data <folder>] [--port-base <port>]
              --library    the photo and video folder to serve (read only)
              --data       all state: Kafka, MariaDB, thumbnails, transcodes, logs (default ./darkroom-data)
              --port-base  the gallery's port; the others keep their offsets (default 8080)""";

    /** Null when help was asked for. */
    static LauncherOptions parse(String[] args) {
        Path library = null;
        Path data = Path.of("darkroom-data");
        int portBase = DarkroomPorts.DEFAULT_BASE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> {
                    // the script's subcommand; optional here
                }
                case "help", "-h", "--help" -> {
                    return null;
                }
                case "--library" -> library = Path.of(value(args, ++i, "--library"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--port-base" -> {
                    try {
                        portBase = Integer.parseInt(value(args, ++i, "--port-base"));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port-base needs a number");
                    }
                    DarkroomPorts.fromBase(portBase); // validates the range
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (library == null) {
            throw new IllegalArgumentException("--library <folder> is required");
        }
        if (!Files.isDirectory(library)) {
            throw new IllegalArgumentException("library folder " + library.toAbsolutePath() + " does not exist");
        }
        return new LauncherOptions(library.toAbsolutePath().normalize(), data.toAbsolutePath().normalize(), portBase);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
