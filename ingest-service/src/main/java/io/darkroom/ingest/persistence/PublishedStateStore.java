package io.darkroom.ingest.persistence;

import io.darkroom.events.FileLocation;
import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.domain.PublishedFile;
import io.darkroom.ingest.domain.PublishedState;
import io.darkroom.platform.storage.StorageLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The published-files snapshot: one tab-separated line per path ({@code root, relative path, size, modified-at,
 * sha-256}), rewritten whole and atomically (temporary file, sync, rename) after a scan published something. A crash
 * before a rewrite only means the last events are published again: consumers are idempotent.
 */
@ApplicationScoped
public class PublishedStateStore {

    private static final Logger LOG = Logger.getLogger(PublishedStateStore.class);
    static final String FILE_NAME = "published-files.tsv";
    private static final String HEADER = "#darkroom-ingest-state\t1";

    private final Path folder;

    @Inject
    public PublishedStateStore(IngestConfig config) {
        this(config.statePath());
    }

    public PublishedStateStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    /** The last snapshot; empty when there is none. An unreadable snapshot is set aside and everything is published again. */
    public PublishedState load() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return new PublishedState();
        }
        try {
            return PublishedState.of(read(file));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + System.currentTimeMillis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.errorf("The ingest state %s is unreadable (%s); moved it to %s and starting afresh: every file is"
                    + " published again, and files deleted meanwhile are not reported as removed", file,
                    e.getMessage(), aside);
            return new PublishedState();
        }
    }

    public void save(PublishedState state) throws IOException {
        Files.createDirectories(folder);
        new StorageLayout(folder).writeAtomically(file(), out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write(HEADER);
            writer.write('\n');
            for (Map.Entry<FileLocation, PublishedFile> entry : state.files().entrySet()) {
                FileLocation location = entry.getKey();
                PublishedFile file = entry.getValue();
                writer.write(escape(location.root()) + '\t' + escape(location.relativePath()) + '\t' + file.sizeBytes()
                        + '\t' + file.modifiedAt() + '\t' + file.contentHash() + '\n');
            }
            writer.flush();
        });
    }

    private static Map<FileLocation, PublishedFile> read(Path file) throws IOException {
        Map<FileLocation, PublishedFile> files = new HashMap<>();
        Map<String, String> roots = new HashMap<>(); // one String per root name, not one per file: 10^6 lines add up
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException("unknown header " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields: " + line);
                }
                String root = roots.computeIfAbsent(unescape(fields[0]), r -> r);
                files.put(new FileLocation(root, unescape(fields[1])),
                        new PublishedFile(Long.parseLong(fields[2]), Instant.parse(fields[3]), fields[4]));
            }
        }
        return files;
    }

    /** File names may hold tabs and line breaks. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == value.length()) {
                throw new IllegalArgumentException("dangling escape in " + value);
            }
            switch (value.charAt(i)) {
                case '\\' -> out.append('\\');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw new IllegalArgumentException("bad escape in " + value);
            }
        }
        return out.toString();
    }
}
