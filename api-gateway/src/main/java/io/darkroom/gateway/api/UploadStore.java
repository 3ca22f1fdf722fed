package io.darkroom.gateway.api;

import io.darkroom.gateway.UploadsConfig;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.domain.UploadNames;
import io.darkroom.platform.library.LibraryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The bytes of uploads: staged in {@code <root>/<folder>/.partial/<id>} (hidden, so ingest does not see a half file),
 * each chunk written at its offset and synced, and at the end moved (one rename) to
 * {@code <folder>/<yyyy-MM-dd>/<name>}, numbered when the name is taken. Blocking file I/O: call on a worker thread.
 */
@ApplicationScoped
public class UploadStore {

    /** How long a client is asked to wait before trying an unwritable upload folder again. */
    private static final Duration RETRY_UNWRITABLE = Duration.ofSeconds(30);

    private final UploadsConfig config;
    private final LibraryConfig library;

    public UploadStore(UploadsConfig config, LibraryConfig library) {
        this.config = config;
        this.library = library;
    }

    public String rootName() {
        if (config.root().isPresent()) {
            return config.root().get();
        }
        if (library.roots().size() != 1) {
            throw new RefusedException(503, "Uploads are not set up on this gateway (darkroom.gateway.uploads.root).");
        }
        return library.roots().keySet().iterator().next();
    }

    private Path folder() {
        Path root = library.roots().get(rootName());
        if (root == null) {
            throw new RefusedException(503, "The upload root " + rootName() + " is not mounted on this gateway.");
        }
        return root.toAbsolutePath().normalize().resolve(config.folder()).normalize();
    }

    private Path staging(String id) {
        return folder().resolve(".partial").resolve(id);
    }

    public void create(String id) {
        try {
            Files.createDirectories(staging(id).getParent());
            Files.deleteIfExists(staging(id));
            Files.createFile(staging(id));
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /**
     * Writes the chunk at {@code offset}; returns how many bytes it held. More than {@code max} bytes is refused
     * (413) without keeping any of them.
     */
    public long write(String id, long offset, InputStream body, long max) {
        try (FileChannel channel = FileChannel.open(staging(id), StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long written = 0;
            channel.position(offset);
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                written += n;
                if (written > max) {
                    channel.truncate(offset);
                    throw new RefusedException(413, "A chunk is at most " + max + " bytes.");
                }
                channel.write(ByteBuffer.wrap(buffer, 0, n));
            }
            channel.truncate(offset + written); // a retried chunk that came shorter leaves nothing behind it
            channel.force(false);
            return written;
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /** The staged file's SHA-256, hex. */
    public String sha256(String id) {
        try (InputStream in = Files.newInputStream(staging(id))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the finished file into the library; returns its path relative to the root. */
    public String publish(String id, String fileName) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        Path dayFolder = folder().resolve(day);
        try {
            Files.createDirectories(dayFolder);
            for (int n = 1; ; n++) {
                Path target = dayFolder.resolve(n == 1 ? fileName : UploadNames.numbered(fileName, n));
                try {
                    // a plain move refuses an existing target (ATOMIC_MOVE would silently replace it on Linux); on
                    // one file system it is still a single rename, so the library never sees a half file
                    Files.move(staging(id), target);
                    return config.folder() + "/" + day + "/" + target.getFileName();
                } catch (FileAlreadyExistsException e) {
                    // numbered next
                }
                if (n > 1000) {
                    throw new RefusedException(409, "Too many files named " + fileName + " today.");
                }
            }
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    public void discard(String id) {
        try {
            Files.deleteIfExists(staging(id));
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /** A staged file: when a chunk was last written to it, and how many bytes it holds. */
    public record Staged(Instant lastWritten, long bytes) {
    }

    /**
     * Every staged file by upload id (empty when nothing was ever staged). Fails with a 503 refusal when the upload
     * root is not configured or not mounted, and with an I/O error when the folder cannot be listed.
     */
    public Map<String, Staged> staged() throws IOException {
        Path staging = folder().resolve(".partial");
        Map<String, Staged> found = new HashMap<>();
        if (!Files.isDirectory(staging)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        found.put(file.getFileName().toString(), new Staged(attributes.lastModifiedTime().toInstant(),
                                attributes.size()));
                    }
                } catch (NoSuchFileException finishedMeanwhile) {
                    // moved into the library or discarded while listing
                }
            }
        }
        return found;
    }

    /** The folder uploads are published into, relative to the root, for the rescan command. */
    public String publishedFolder(String libraryPath) {
        return libraryPath.substring(0, libraryPath.lastIndexOf('/'));
    }

    /**
     * A 503 naming what stops the write, without the exception's class: a read-only library root (Darkroom itself
     * never writes to the originals, so a root mounted read-only is fine for everything else), a full disk, or else
     * the folder itself. The client sends the same request again later; nothing received so far is lost.
     */
    private RefusedException unwritable(IOException e) {
        return new RefusedException(503, unwritableReason(e, rootName()), RETRY_UNWRITABLE);
    }

    static String unwritableReason(IOException e, String root) {
        String message = String.valueOf(e.getMessage());
        String why = message.contains("Read-only file system") ? "the library root '" + root + "' is read-only"
                : message.contains("No space left on device") ? "the library's disk is full"
                : "the upload folder cannot be written";
        return "Uploads cannot be stored right now: " + why + ". Send the same request again once it is fixed;"
                + " nothing received so far is lost.";
    }
}
