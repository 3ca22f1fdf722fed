package io.darkroom.index.metadata;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.gif.GifImageDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;
import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.ContentFacts;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.Failure;
import io.darkroom.index.domain.FailureClassifier;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.MediaKinds;
import io.darkroom.index.domain.TakenAt;
import io.darkroom.index.domain.TakenAtEvidence;
import io.darkroom.index.domain.TakenAtResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
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
 * Reads one original: the type from the content with Tika's detector (the name only refines it, e.g. a TIFF
 * that is a DNG; the common formats are settled by {@link ContentSignatures} first), then only the metadata
 * segments with metadata-extractor (EXIF, XMP, IPTC, the QuickTime/MP4 boxes, container headers), skipping image
 * and movie data. Formats metadata-extractor does not know go through Tika's AutoDetectParser. Every parser reads
 * through a byte cap; callers bound the time (the extraction pool's timeout interrupts the read). XMP sidecars
 * ({@code photo.xmp}, {@code photo.jpg.xmp}) beside an original add title, description, keywords and rating.
 * Blocking; callers run it on the extraction pool.
 */
public final class MediaReader {

    /** Default cap of bytes a parser may read from one file: metadata lives in the first few hundred KiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    private static final long SIDECAR_MAX_BYTES = 4L << 20;
    private static final List<String> SIDECAR_TYPES = List.of("application/rdf+xml", "application/xml", "text/xml",
            "text/plain", "application/x-plist", "application/json", "application/octet-stream");

    /**
     * The JPEG segments Darkroom uses: the frame header (size), EXIF (with GPS and maker notes), XMP (streamed) and
     * Photoshop's IPTC. ICC profiles, JFIF, Huffman tables and the rest are skipped: they cost time and hold nothing
     * the catalog keeps.
     */
    private static final List<JpegSegmentMetadataReader> JPEG_SEGMENT_READERS = List.of(new JpegReader(),
            new ExifReader(), new StreamingXmp(), new PhotoshopReader());

    private final AutoDetectParser parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
    private final Detector detector = parser.getDetector();
    private final TakenAtResolver takenAtResolver;
    private final long maxBytes;

    public MediaReader(TakenAtResolver takenAtResolver) {
        this(takenAtResolver, DEFAULT_MAX_BYTES);
    }

    public MediaReader(TakenAtResolver takenAtResolver, long maxBytes) {
        this.takenAtResolver = takenAtResolver;
        this.maxBytes = maxBytes;
    }

    public Extraction read(Path file, String fileName) {
        try {
            return readOrThrow(file, fileName);
        } catch (NoSuchFileException e) {
            return new Extraction.Vanished();
        } catch (CappedInputStream.LimitExceeded e) {
            return new Extraction.Unreadable(tooMuchToRead(e.limit));
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return new Extraction.Vanished();
            }
            throw new java.io.UncheckedIOException("Cannot read " + fileName, e);
        }
    }

    /** Reading the file's metadata would take more bytes than the cap allows. */
    static Failure tooMuchToRead(long limit) {
        String amount = limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes";
        return new Failure(FailureKind.TOO_LARGE, "Reading the file's metadata would need more than " + amount
                + "; the file is too large or malformed");
    }

    private Extraction readOrThrow(Path file, String fileName) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        Instant modifiedAt = attributes.lastModifiedTime().toInstant();
        if (size == 0) {
            return unreadable(new ContentFacts(0, null, null, null, null, null));
        }

        String mimeType = refineRaw(detect(file, fileName), fileName);
        if (isSidecar(fileName, mimeType)) {
            return sidecar(file, fileName, mimeType, modifiedAt);
        }
        Optional<MediaKind> kind = MediaKinds.of(mimeType);
        if (kind.isEmpty()) {
            return unreadable(new ContentFacts(size, mimeType, null, null, null, null), null);
        }
        TakenAtEvidence fileDates = TakenAtEvidence.fileOnly(fileName, modifiedAt);

        String structureProblem = "image/jpeg".equals(mimeType) ? JpegStructure.problem(file).orElse(null)
                : isIsoMedia(mimeType) ? IsoBoxes.problem(file, kind.get() == MediaKind.VIDEO).orElse(null) : null;
        com.drew.metadata.Metadata segments = null;
        String parseError = null;
        // 16 KiB: the readers take segments in bulk reads, which bypass the buffer; a 64 KiB one, zeroed per file, cost
        // a few percent of a JPEG's read.
        try (InputStream in = new BufferedInputStream(new CappedInputStream(Files.newInputStream(file), maxBytes), 1 << 14)) {
            segments = "image/jpeg".equals(mimeType) ? JpegMetadataReader.readMetadata(in, JPEG_SEGMENT_READERS)
                    : ImageMetadataReader.readMetadata(in, size);
        } catch (ImageProcessingException e) {
            // a format metadata-extractor does not read: Tika below
        } catch (CappedInputStream.LimitExceeded | InterruptedIOException | NoSuchFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            parseError = message(e);
        }
        if ("image/x-canon-cr3".equals(mimeType) || (segments != null && fileName.toLowerCase(Locale.ROOT).endsWith(".cr3"))) {
            if (segments == null) {
                segments = new com.drew.metadata.Metadata();
            }
            RawHeaders.addCanonCr3(file, segments);
        }
        Integer[] boxSize = HEIF_TYPES.contains(mimeType) ? IsoBoxes.largestSpatialExtent(file)
                : mimeType.contains("fuji") ? RawHeaders.fujiRafSize(file) : null;
        if (kind.get() == MediaKind.RAW && (segments == null
                || segments.getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class) == null)) {
            com.drew.metadata.Metadata raw = segments != null ? segments : new com.drew.metadata.Metadata();
            Integer[] rawSize = RawHeaders.addOlderRaw(file, raw); // CRW, MRW, X3F: containers metadata-extractor only names
            boxSize = rawSize != null ? rawSize : boxSize;
            if (rawSize != null || raw.getDirectoryCount() > 0) {
                segments = raw;
            }
        }
        MovieBoxes.Movie movie = kind.get() == MediaKind.VIDEO ? MovieBoxes.read(file) : null;
        if (segments != null || boxSize != null || movie != null) {
            SegmentMetadata read = new SegmentMetadata(segments != null ? segments : new com.drew.metadata.Metadata(), movie);
            Integer[] dimensions = boxSize != null ? boxSize
                    : "image/jpeg".equals(mimeType) ? read.jpegFrame() : read.dimensions(kind.get() == MediaKind.RAW);
            // A HEIF image is displayed with its primary item's irot/imir applied; EXIF Orientation only where
            // it has none (they agree where both are present in the corpus).
            Integer heifOrientation = HEIF_TYPES.contains(mimeType) ? IsoBoxes.heifOrientation(file) : null;
            MediaFacts facts = new MediaFacts(segments != null ? refine(kind.get(), segments) : kind.get(), mimeType,
                    dimensions[0], dimensions[1], heifOrientation != null ? heifOrientation : read.orientation(),
                    read.durationMillis(),
                    takenAtResolver.resolve(read.takenAtEvidence(fileName, modifiedAt)).orElse(null),
                    withSidecar(read.details(), file, fileName));
            if (structureProblem != null) {
                return unreadable(new ContentFacts(size, mimeType, null, null, structureProblem, null), facts);
            }
            if (dimensions[0] == null && kind.get() == MediaKind.VIDEO) {
                Integer[] extent = IsoBoxes.largestSpatialExtent(file); // an AVIF sequence
                if (extent != null) {
                    return new Extraction.Readable(new MediaFacts(facts.kind(), mimeType, extent[0], extent[1],
                            facts.orientation(), facts.durationMillis(), facts.takenAt(), facts.details()));
                }
            }
            if (dimensions[0] != null || kind.get() == MediaKind.VIDEO) {
                Optional<Failure> failure = FailureClassifier.classify(
                        new ContentFacts(size, mimeType, dimensions[0], dimensions[1], null, null));
                return failure.<Extraction>map(f -> new Extraction.Unreadable(f, facts))
                        .orElseGet(() -> new Extraction.Readable(facts));
            }
        }
        MediaFacts known = new MediaFacts(kind.get(), mimeType, null, null, null, null,
                takenAtResolver.resolve(fileDates).orElse(null));
        if (structureProblem != null || parseError != null) {
            return unreadable(new ContentFacts(size, mimeType, null, null, structureProblem, parseError), known);
        }
        return tika(file, fileName, size, mimeType, kind.get(), modifiedAt);
    }

    /** HEIF/AVIF and the MP4/QuickTime family: ISO base media files, whose top-level boxes can be checked. */
    private static boolean isIsoMedia(String mimeType) {
        return HEIF_TYPES.contains(mimeType) || mimeType.equals("video/quicktime") || mimeType.equals("video/mp4")
                || mimeType.equals("video/x-m4v") || mimeType.startsWith("video/3gpp") || mimeType.equals("application/mp4");
    }

    private static final java.util.Set<String> HEIF_TYPES = java.util.Set.of("image/heic", "image/heif",
            "image/avif", "image/heic-sequence", "image/heif-sequence", "image/avif-sequence");

    /** RAW names for TIFF-structured content: the content says TIFF, the name says which camera's. */
    private static final java.util.Map<String, String> RAW_BY_EXTENSION = java.util.Map.ofEntries(
            java.util.Map.entry("dng", "image/x-adobe-dng"), java.util.Map.entry("nef", "image/x-nikon-nef"),
            java.util.Map.entry("nrw", "image/x-nikon-nrw"), java.util.Map.entry("arw", "image/x-sony-arw"),
            java.util.Map.entry("sr2", "image/x-sony-sr2"), java.util.Map.entry("cr2", "image/x-canon-cr2"),
            java.util.Map.entry("iiq", "image/x-phaseone-iiq"), java.util.Map.entry("orf", "image/x-olympus-orf"),
            java.util.Map.entry("pef", "image/x-pentax-pef"), java.util.Map.entry("srw", "image/x-samsung-srw"),
            java.util.Map.entry("3fr", "image/x-hasselblad-3fr"), java.util.Map.entry("erf", "image/x-epson-erf"),
            java.util.Map.entry("kdc", "image/x-kodak-kdc"), java.util.Map.entry("dcr", "image/x-kodak-dcr"),
            java.util.Map.entry("rwl", "image/x-leica-rwl"));

    static String refineRaw(String mimeType, String fileName) {
        if (!"image/tiff".equals(mimeType)) {
            return mimeType;
        }
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return RAW_BY_EXTENSION.getOrDefault(extension, mimeType);
    }

    private String detect(Path file, String fileName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ContentSignatures.HEAD_LENGTH);
        }
        Optional<String> signed = ContentSignatures.mimeType(head, fileName); // JPEG, PNG, HEIC, MP4...: no Tika chain
        if (signed.isPresent()) {
            return signed.get();
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, metadata).getBaseType().toString();
        }
    }

    /** A GIF with more than one frame, or an animated WebP, is an animation. */
    private static MediaKind refine(MediaKind kind, com.drew.metadata.Metadata segments) {
        if (kind != MediaKind.IMAGE) {
            return kind;
        }
        if (segments.getDirectoriesOfType(GifImageDirectory.class).size() > 1) {
            return MediaKind.ANIMATED;
        }
        WebpDirectory webp = segments.getFirstDirectoryOfType(WebpDirectory.class);
        if (webp != null && Boolean.TRUE.equals(webp.getBooleanObject(WebpDirectory.TAG_IS_ANIMATION))) {
            return MediaKind.ANIMATED;
        }
        return kind;
    }

    // ------------------------------------------------------------------ sidecars

    static boolean isSidecar(String fileName, String mimeType) {
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean named = name.endsWith(".xmp") || name.endsWith(".aae")
                || (name.endsWith(".json") && name.lastIndexOf('.', name.length() - 6) > 0);
        return named && SIDECAR_TYPES.stream().anyMatch(type -> mimeType.equals(type) || mimeType.endsWith("+xml"));
    }

    private Extraction sidecar(Path file, String fileName, String mimeType, Instant modifiedAt) throws IOException {
        SegmentMetadata read = fileName.toLowerCase(Locale.ROOT).endsWith(".xmp")
                ? xmpPacket(file) : new SegmentMetadata(new com.drew.metadata.Metadata());
        TakenAtEvidence evidence = read.takenAtEvidence(null, null);
        TakenAt takenAt = takenAtResolver.resolve(evidence)
                .or(() -> takenAtResolver.resolve(TakenAtEvidence.fileOnly(fileName, modifiedAt))).orElse(null);
        Integer[] dimensions = read.dimensions();
        return new Extraction.Readable(new MediaFacts(MediaKind.SIDECAR, mimeType, dimensions[0], dimensions[1],
                read.orientation(), null, takenAt, read.details()));
    }

    /** An XMP packet; where Adobe's strict parser refuses it, the simple properties read leniently. */
    private static SegmentMetadata xmpPacket(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = new CappedInputStream(Files.newInputStream(file), SIDECAR_MAX_BYTES)) {
            bytes = in.readAllBytes();
        }
        com.drew.metadata.Metadata metadata = new com.drew.metadata.Metadata();
        new XmpReader().extract(bytes, metadata);
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp == null || xmp.hasErrors() || xmp.getXmpProperties().isEmpty()) {
            return new SegmentMetadata(metadata, LenientXmp.properties(bytes));
        }
        return new SegmentMetadata(metadata);
    }

    /** Title, description, keywords and rating from an XMP sidecar beside the original win over embedded ones. */
    private static MediaDetails withSidecar(MediaDetails embedded, Path file, String fileName) {
        Path folder = file.getParent();
        if (folder == null) {
            return embedded;
        }
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        for (String name : List.of(fileName + ".xmp", base + ".xmp", fileName + ".XMP", base + ".XMP")) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                try {
                    MediaDetails side = xmpPacket(candidate).details();
                    return new MediaDetails(embedded.make(), embedded.model(), embedded.lens(),
                            embedded.exposureSeconds(), embedded.fNumber(), embedded.iso(), embedded.focalLengthMm(),
                            embedded.gps() != null ? embedded.gps() : side.gps(), embedded.videoCodec(),
                            embedded.audioCodec(), embedded.fps(), embedded.rotation(),
                            side.title() != null ? side.title() : embedded.title(),
                            side.description() != null ? side.description() : embedded.description(),
                            side.keywords().isEmpty() ? embedded.keywords() : side.keywords(),
                            side.rating() != null ? side.rating() : embedded.rating(), embedded.contentIdentifier());
                } catch (IOException | RuntimeException e) {
                    return embedded; // an unreadable sidecar does not spoil the original
                }
            }
        }
        return embedded;
    }

    // ------------------------------------------------------------------ Tika, for formats metadata-extractor lacks

    static final String EXIF_DATE_TIME_ORIGINAL = "Exif SubIFD:Date/Time Original";
    static final String EXIF_SUB_SEC_ORIGINAL = "Exif SubIFD:Sub-Sec Time Original";
    static final String EXIF_OFFSET_ORIGINAL = "Exif SubIFD:Time Zone Original";

    private Extraction tika(Path file, String fileName, long size, String mimeType, MediaKind kind, Instant modifiedAt)
            throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        metadata.set(Metadata.CONTENT_TYPE, mimeType);
        String parseError = null;
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        try (InputStream in = TikaInputStream.get(new CappedInputStream(Files.newInputStream(file), maxBytes))) {
            parser.parse(in, new DefaultHandler(), metadata, context);
        } catch (TikaException | SAXException | RuntimeException e) {
            Throwable limit = rootCause(e);
            if (limit instanceof CappedInputStream.LimitExceeded exceeded) {
                throw exceeded;
            }
            parseError = message(e);
        }
        Integer width = integer(metadata, TIFF.IMAGE_WIDTH.getName());
        Integer height = integer(metadata, TIFF.IMAGE_LENGTH.getName());
        ContentFacts facts = new ContentFacts(size, mimeType, width, height, null, parseError);
        Optional<Failure> failure = FailureClassifier.classify(facts);
        if (failure.isPresent()) {
            return new Extraction.Unreadable(failure.get());
        }
        Integer orientation = integer(metadata, TIFF.ORIENTATION.getName());
        if (orientation != null && (orientation < 1 || orientation > 8)) {
            orientation = null;
        }
        TakenAtEvidence evidence = new TakenAtEvidence(
                metadata.get(EXIF_DATE_TIME_ORIGINAL),
                metadata.get(EXIF_SUB_SEC_ORIGINAL),
                metadata.get(EXIF_OFFSET_ORIGINAL),
                kind == MediaKind.VIDEO ? instant(metadata.getDate(TikaCoreProperties.CREATED)) : null,
                Optional.ofNullable(metadata.get(XMP.CREATE_DATE)).orElse(metadata.get("photoshop:DateCreated")),
                fileName,
                modifiedAt);
        TakenAt takenAt = takenAtResolver.resolve(evidence).orElse(null);
        return new Extraction.Readable(new MediaFacts(kind, mimeType, width, height, orientation,
                durationMillis(metadata), takenAt, MediaDetails.NONE));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String message(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static Extraction unreadable(ContentFacts facts) {
        return unreadable(facts, null);
    }

    private static Extraction unreadable(ContentFacts facts, MediaFacts known) {
        return new Extraction.Unreadable(FailureClassifier.classify(facts)
                .orElseThrow(() -> new IllegalStateException("Expected a failure for " + facts)), known);
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
