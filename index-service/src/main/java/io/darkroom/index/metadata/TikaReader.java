package io.darkroom.index.metadata;

import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.ContentFacts;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.FailureClassifier;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.MediaKinds;
import io.darkroom.index.domain.TakenAt;
import io.darkroom.index.domain.TakenAtEvidence;
import io.darkroom.index.domain.TakenAtResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TIFF;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.metadata.XMP;
import org.apache.tika.metadata.XMPDM;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one original with Apache Tika: the type from the content (the file name only refines it, e.g. a TIFF
 * that is a DNG), dimensions, orientation, capture time, duration. Blocking; callers run it on the extraction
 * pool. Only metadata is kept: the text handler discards body content, so memory stays small.
 */
public final class TikaReader {

    /** Raw EXIF tags as Tika copies them from metadata-extractor: "directory:tag name". */
    static final String EXIF_DATE_TIME_ORIGINAL = "Exif SubIFD:Date/Time Original";
    static final String EXIF_SUB_SEC_ORIGINAL = "Exif SubIFD:Sub-Sec Time Original";
    static final String EXIF_OFFSET_ORIGINAL = "Exif SubIFD:Time Zone Original";

    private final AutoDetectParser parser = new AutoDetectParser();
    private final TakenAtResolver takenAtResolver;

    public TikaReader(TakenAtResolver takenAtResolver) {
        this.takenAtResolver = takenAtResolver;
    }

    public Extraction read(Path file, String fileName) {
        try {
            return readOrThrow(file, fileName);
        } catch (NoSuchFileException e) {
            return new Extraction.Vanished();
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return new Extraction.Vanished();
            }
            throw new java.io.UncheckedIOException("Cannot read " + fileName, e);
        }
    }

    private Extraction readOrThrow(Path file, String fileName) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        Instant modifiedAt = attributes.lastModifiedTime().toInstant();
        if (size == 0) {
            return unreadable(new ContentFacts(0, null, null, null, null, null));
        }

        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        String mimeType;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            mimeType = parser.getDetector().detect(in, metadata).getBaseType().toString();
        }
        Optional<MediaKind> kind = MediaKinds.of(mimeType);
        if (kind.isEmpty()) {
            return unreadable(new ContentFacts(size, mimeType, null, null, null, null));
        }

        String structureProblem = "image/jpeg".equals(mimeType) ? JpegStructure.problem(file).orElse(null) : null;
        String parseError = null;
        if (structureProblem == null) {
            parseError = parse(file, metadata, mimeType);
        }
        Integer width = integer(metadata, TIFF.IMAGE_WIDTH.getName());
        Integer height = integer(metadata, TIFF.IMAGE_LENGTH.getName());
        ContentFacts facts = new ContentFacts(size, mimeType, width, height, structureProblem, parseError);
        Optional<Extraction> failure = FailureClassifier.classify(facts).map(Extraction.Unreadable::new);
        if (failure.isPresent()) {
            return failure.get();
        }

        Integer orientation = integer(metadata, TIFF.ORIENTATION.getName());
        if (orientation != null && (orientation < 1 || orientation > 8)) {
            orientation = null;
        }
        TakenAtEvidence evidence = new TakenAtEvidence(
                metadata.get(EXIF_DATE_TIME_ORIGINAL),
                metadata.get(EXIF_SUB_SEC_ORIGINAL),
                metadata.get(EXIF_OFFSET_ORIGINAL),
                kind.get() == MediaKind.VIDEO ? instant(metadata.getDate(TikaCoreProperties.CREATED)) : null,
                Optional.ofNullable(metadata.get(XMP.CREATE_DATE)).orElse(metadata.get("photoshop:DateCreated")),
                fileName,
                modifiedAt);
        TakenAt takenAt = takenAtResolver.resolve(evidence).orElse(null);
        return new Extraction.Readable(new MediaFacts(kind.get(), mimeType, width, height, orientation,
                durationMillis(metadata), takenAt));
    }

    /** Parses for metadata only; returns the parser's complaint, or null. */
    private String parse(Path file, Metadata metadata, String mimeType) throws IOException {
        metadata.set(Metadata.CONTENT_TYPE, mimeType);
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        try (InputStream in = TikaInputStream.get(file)) {
            parser.parse(in, new DefaultHandler(), metadata, context);
            return null;
        } catch (TikaException | SAXException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            return message;
        }
    }

    private static Extraction unreadable(ContentFacts facts) {
        return new Extraction.Unreadable(FailureClassifier.classify(facts)
                .orElseThrow(() -> new IllegalStateException("Expected a failure for " + facts)));
    }

    private static Integer integer(Metadata metadata, String name) {
        String value = metadata.get(name);
        if (value == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            String digits = value.strip().split("\\s+")[0];
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
    }

    private static Long durationMillis(Metadata metadata) {
        String seconds = metadata.get(XMPDM.DURATION);
        if (seconds == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(seconds.strip());
            return value > 0 ? Math.round(value * 1000) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
