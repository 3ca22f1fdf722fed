package io.darkroom.platform.library;

import io.darkroom.events.FileLocation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns {@link FileLocation}s into files and back, refusing anything that would leave its root: a
 * {@code ..} segment, an absolute path, or a symlink that points outside.
 */
public final class LibraryRoots {

    private final Map<String, Path> roots;

    public LibraryRoots(Map<String, Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("No library root is configured (darkroom.library.roots.<name>=<folder>)");
        }
        Map<String, Path> normalised = new TreeMap<>();
        roots.forEach((name, folder) -> normalised.put(name, folder.toAbsolutePath().normalize()));
        this.roots = Map.copyOf(normalised);
    }

    public static LibraryRoots from(LibraryConfig config) {
        return new LibraryRoots(config.roots());
    }

    public Map<String, Path> all() {
        return roots;
    }

    public Path root(String name) {
        Path root = roots.get(name);
        if (root == null) {
            throw new UnknownRootException(name);
        }
        return root;
    }

    /** The file for a location; the path is checked lexically, so this works for files that do not exist yet. */
    public Path resolve(FileLocation location) {
        Path root = root(location.root());
        Path file = root.resolve(location.relativePath()).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new OutsideRootException(location.toString());
        }
        return file;
    }

    /**
     * The file for a location after following symlinks, for reading. Fails if the real file is outside the
     * real root folder.
     */
    public Path resolveForReading(FileLocation location) throws IOException {
        Path file = resolve(location);
        Path realRoot = root(location.root()).toRealPath();
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new OutsideRootException(location.toString());
        }
        return real;
    }

    /**
     * Whether the root named {@code name} is unavailable rather than a file missing under it: its folder is gone,
     * unreadable, or empty (an unmounted share leaves its empty mount point), as ingest-service judges a root before it
     * reports removals. A file missing under an unavailable root is not removed; it is out of reach for now.
     */
    public boolean isUnavailable(String name) {
        return isUnavailable(root(name));
    }

    /** The failure reason for a file that could not be read because its root {@code name} was unavailable. */
    public static String outOfReachReason(String name) {
        return "The library root '" + name + "' was out of reach (unmounted, missing or empty) when this file was read;"
                + " retry it once the root is back.";
    }

    /** Whether {@code folder}, a library root, is gone, unreadable or empty. */
    public static boolean isUnavailable(Path folder) {
        if (!Files.isDirectory(folder) || !Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    /** The location of a file under one of the roots, or empty when it lies under none. */
    public Optional<FileLocation> locate(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Map.Entry<String, Path> root : roots.entrySet()) {
            if (absolute.startsWith(root.getValue()) && !absolute.equals(root.getValue())) {
                String relative = root.getValue().relativize(absolute).toString().replace('\\', '/');
                return Optional.of(new FileLocation(root.getKey(), relative));
            }
        }
        return Optional.empty();
    }

    /** A location names a root that is not configured here. */
    public static final class UnknownRootException extends IllegalArgumentException {
        public UnknownRootException(String root) {
            super("Unknown library root '" + root + "'");
        }
    }

    /** A location that would reach outside its root. */
    public static final class OutsideRootException extends IllegalArgumentException {
        public OutsideRootException(String location) {
            super("Path leaves its library root: " + location);
        }
    }
}
