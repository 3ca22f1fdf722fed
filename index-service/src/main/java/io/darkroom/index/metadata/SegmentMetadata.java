package io.darkroom.index.metadata;

import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifImageDirectory;
import com.drew.metadata.exif.ExifThumbnailDirectory;
import com.drew.metadata.exif.PanasonicRawIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.exif.makernotes.AppleMakernoteDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeSoundDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4SoundDirectory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.darkroom.index.domain.CameraNames;
import io.darkroom.index.domain.Captions;
import io.darkroom.index.domain.GeoPoint;
import io.darkroom.index.domain.MediaDetails;
import io.darkroom.index.domain.TakenAtEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts Darkroom keeps, taken from metadata-extractor's directories (EXIF, GPS, XMP, IPTC, QuickTime/MP4,
 * the container headers). Pure: it only looks at what was read.
 */
final class SegmentMetadata {

    private static final Pattern ISO6709 = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?.*");
    /** XMP GPS coordinates: {@code 52,31.5N} or {@code 52,31,30N}. */
    private static final Pattern XMP_COORDINATE = Pattern.compile("(\\d+(?:\\.\\d+)?),(\\d+(?:\\.\\d+)?)(?:,(\\d+(?:\\.\\d+)?))?([NSEW])");

    private final Metadata metadata;
    private final Map<String, String> xmp;
    /** A QuickTime/MP4 file's movie box, read by {@link MovieBoxes}; null for other files. */
    private final MovieBoxes.Movie movie;

    SegmentMetadata(Metadata metadata) {
        this(metadata, xmpProperties(metadata), null);
    }

    SegmentMetadata(Metadata metadata, MovieBoxes.Movie movie) {
        this(metadata, xmpProperties(metadata), movie);
    }

    SegmentMetadata(Metadata metadata, Map<String, String> xmp) {
        this(metadata, xmp, null);
    }

    private SegmentMetadata(Metadata metadata, Map<String, String> xmp, MovieBoxes.Movie movie) {
        this.metadata = metadata;
        this.xmp = xmp;
        this.movie = movie;
    }

    /** Stored pixel width and height; for a RAW file the largest size its IFDs and EXIF state (the sensor's). */
    Integer[] dimensions(boolean raw) {
        if (!raw) {
            return dimensions();
        }
        Integer[] best = null;
        for (Integer[] candidate : new Integer[][] {
                largest(ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT),
                largest(ExifImageDirectory.class, ExifImageDirectory.TAG_IMAGE_WIDTH, ExifImageDirectory.TAG_IMAGE_HEIGHT),
                largest(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_IMAGE_WIDTH, ExifSubIFDDirectory.TAG_IMAGE_HEIGHT),
                largest(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_EXIF_IMAGE_WIDTH,
                        ExifSubIFDDirectory.TAG_EXIF_IMAGE_HEIGHT),
                panasonicCrop()}) {
            if (candidate != null && (best == null || (long) candidate[0] * candidate[1] > (long) best[0] * best[1])) {
                best = candidate;
            }
        }
        return best != null ? best : dimensions();
    }

    /** Panasonic RW2: the sensor area inside its borders. */
    private Integer[] panasonicCrop() {
        PanasonicRawIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(PanasonicRawIFD0Directory.class);
        if (ifd0 == null) {
            return null;
        }
        Integer top = ifd0.getInteger(PanasonicRawIFD0Directory.TagSensorTopBorder);
        Integer left = ifd0.getInteger(PanasonicRawIFD0Directory.TagSensorLeftBorder);
        Integer bottom = ifd0.getInteger(PanasonicRawIFD0Directory.TagSensorBottomBorder);
        Integer right = ifd0.getInteger(PanasonicRawIFD0Directory.TagSensorRightBorder);
        if (top == null || left == null || bottom == null || right == null || right <= left || bottom <= top) {
            return null;
        }
        return new Integer[] {right - left, bottom - top};
    }

    /**
     * A JPEG's size from its frame header only: EXIF's sizes in a JPEG describe, at best, what a writer meant
     * (the EXIF specification leaves IFD0's ImageWidth out of compressed files); a JPEG cut off before its frame
     * header has no known size.
     */
    Integer[] jpegFrame() {
        Integer[] size = first(JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
        return size == null ? new Integer[] {null, null} : size;
    }

    /** Stored pixel width and height of the main image or video track; nulls when unknown. */
    Integer[] dimensions() {
        Integer[] size = first(JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
        if (size == null) {
            size = first(PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = first(GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = first(WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = first(BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = largest(HeifDirectory.class, HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null && movie != null && movie.width() != null && movie.height() != null) {
            size = new Integer[] {movie.width(), movie.height()}; // the video track's header
        }
        if (size == null) {
            size = largest(QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_WIDTH, QuickTimeVideoDirectory.TAG_HEIGHT);
        }
        if (size == null) {
            size = largest(Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_WIDTH, Mp4VideoDirectory.TAG_HEIGHT);
        }
        if (size == null) {
            size = largest(ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = largest(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_IMAGE_WIDTH, ExifSubIFDDirectory.TAG_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = largest(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_EXIF_IMAGE_WIDTH,
                    ExifSubIFDDirectory.TAG_EXIF_IMAGE_HEIGHT);
        }
        if (size == null) {
            size = xmpSize("tiff:ImageWidth", "tiff:ImageLength");
        }
        if (size == null) {
            size = xmpSize("exif:PixelXDimension", "exif:PixelYDimension");
        }
        return size == null ? new Integer[] {null, null} : size;
    }

    private Integer[] xmpSize(String widthName, String heightName) {
        Integer width = parseInt(xmp.get(widthName));
        Integer height = parseInt(xmp.get(heightName));
        return width != null && height != null && width > 0 && height > 0 ? new Integer[] {width, height} : null;
    }

    /** EXIF orientation 1..8, else the XMP tiff:Orientation, else the EXIF thumbnail's, else null. */
    Integer orientation() {
        Integer value = integer(ExifIFD0Directory.class, ExifIFD0Directory.TAG_ORIENTATION);
        if (value == null) {
            value = parseInt(xmp.get("tiff:Orientation"));
        }
        if (value == null) {
            value = integer(ExifThumbnailDirectory.class, ExifThumbnailDirectory.TAG_ORIENTATION);
        }
        return value != null && value >= 1 && value <= 8 ? value : null;
    }

    TakenAtEvidence takenAtEvidence(String fileName, Instant modifiedAt) {
        ExifSubIFDDirectory sub = metadata.getDirectoriesOfType(ExifSubIFDDirectory.class).stream()
                .filter(d -> d.containsTag(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)).findFirst()
                .orElse(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class));
        String original = sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
        String created = sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED);
        String subSecond = sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_SUBSECOND_TIME_ORIGINAL);
        String offset = sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
        if (original == null) {
            // CR3 keeps its EXIF IFD in a box of its own, read as a second IFD0
            original = string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_DATETIME_ORIGINAL);
            subSecond = string(ExifIFD0Directory.class, ExifSubIFDDirectory.TAG_SUBSECOND_TIME_ORIGINAL);
            offset = string(ExifIFD0Directory.class, ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
        }
        return new TakenAtEvidence(
                original,
                subSecond,
                offset,
                quickTimeCreated(),
                xmp.get("xmp:CreateDate"),
                fileName,
                modifiedAt,
                xmp.get("exif:DateTimeOriginal"),
                created,
                sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_SUBSECOND_TIME_DIGITIZED),
                sub == null ? null : sub.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_DIGITIZED),
                string(QuickTimeMetadataDirectory.class, QuickTimeMetadataDirectory.TAG_CREATION_DATE),
                xmp.get("photoshop:DateCreated"));
    }

    private Instant quickTimeCreated() {
        if (movie != null && movie.created() != null) {
            return movie.created();
        }
        Date date = date(QuickTimeDirectory.class, QuickTimeDirectory.TAG_CREATION_TIME);
        if (date == null) {
            date = date(Mp4Directory.class, Mp4Directory.TAG_CREATION_TIME);
        }
        return date == null ? null : date.toInstant();
    }

    Long durationMillis() {
        if (movie != null && movie.durationMillis() != null) {
            return movie.durationMillis();
        }
        Double seconds = decimal(QuickTimeDirectory.class, QuickTimeDirectory.TAG_DURATION_SECONDS);
        if (seconds == null) {
            seconds = decimal(Mp4Directory.class, Mp4Directory.TAG_DURATION_SECONDS);
        }
        return seconds == null || seconds <= 0 ? null : Math.round(seconds * 1000);
    }

    MediaDetails details() {
        String make = string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_MAKE);
        String model = string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_MODEL);
        if (make == null) { // some writers put them in the EXIF IFD, leaving IFD0's blank
            make = string(ExifSubIFDDirectory.class, ExifIFD0Directory.TAG_MAKE);
        }
        if (model == null) {
            model = string(ExifSubIFDDirectory.class, ExifIFD0Directory.TAG_MODEL);
        }
        if (make == null) {
            make = Optional.ofNullable(string(QuickTimeMetadataDirectory.class, QuickTimeMetadataDirectory.TAG_MAKE))
                    .or(() -> Optional.ofNullable(movie == null ? null : movie.make()))
                    .orElse(xmp.get("tiff:Make"));
        }
        if (model == null) {
            model = Optional.ofNullable(string(QuickTimeMetadataDirectory.class, QuickTimeMetadataDirectory.TAG_MODEL))
                    .or(() -> Optional.ofNullable(movie == null ? null : movie.model()))
                    .orElse(xmp.get("tiff:Model"));
        }
        String lens = Optional.ofNullable(string(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_LENS_MODEL))
                .orElse(Optional.ofNullable(xmp.get("exifEX:LensModel")).orElse(xmp.get("aux:Lens")));
        Integer iso = integer(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_ISO_EQUIVALENT);
        return new MediaDetails(
                CameraNames.make(make),
                CameraNames.model(model),
                CameraNames.model(lens),
                positive(decimal(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_EXPOSURE_TIME)),
                positive(decimal(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_FNUMBER)),
                iso != null && iso > 0 ? iso : null,
                positive(decimal(ExifSubIFDDirectory.class, ExifSubIFDDirectory.TAG_FOCAL_LENGTH)),
                gps().orElse(null),
                videoCodec(),
                audioCodec(),
                positive(movie != null && movie.fps() != null ? movie.fps()
                        : Optional.ofNullable(decimal(QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_FRAME_RATE))
                        .orElse(decimal(Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_FRAME_RATE))),
                rotation(),
                title(),
                description(),
                keywords(),
                rating(),
                contentIdentifier());
    }

    /** The raw position as stored, before validation: lat, lng, altitude (each may be null). */
    Double[] rawPosition() {
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps != null) {
            GeoLocation location = gps.getGeoLocation();
            Double altitude = decimal(GpsDirectory.class, GpsDirectory.TAG_ALTITUDE);
            if (altitude != null && Integer.valueOf(1).equals(integer(GpsDirectory.class, GpsDirectory.TAG_ALTITUDE_REF))) {
                altitude = -altitude;
            }
            if (location != null) {
                return new Double[] {location.getLatitude(), location.getLongitude(), altitude};
            }
            Double lat = asciiDegrees(gps.getString(GpsDirectory.TAG_LATITUDE), gps.getString(GpsDirectory.TAG_LATITUDE_REF));
            Double lng = asciiDegrees(gps.getString(GpsDirectory.TAG_LONGITUDE), gps.getString(GpsDirectory.TAG_LONGITUDE_REF));
            if (lat != null && lng != null) {
                return new Double[] {lat, lng, altitude};
            }
        }
        String iso6709 = string(QuickTimeMetadataDirectory.class, QuickTimeMetadataDirectory.TAG_LOCATION_ISO6709);
        if (iso6709 != null) {
            Matcher m = ISO6709.matcher(iso6709.strip());
            if (m.matches()) {
                return new Double[] {Double.valueOf(m.group(1)), Double.valueOf(m.group(2)),
                        m.group(3) == null ? null : Double.valueOf(m.group(3))};
            }
        }
        if (movie != null && movie.position() != null) {
            return movie.position();
        }
        Double lat = decimal(Mp4Directory.class, Mp4Directory.TAG_LATITUDE);
        Double lng = decimal(Mp4Directory.class, Mp4Directory.TAG_LONGITUDE);
        if (lat != null && lng != null) {
            return new Double[] {lat, lng, null};
        }
        Double xmpLat = xmpCoordinate(xmp.get("exif:GPSLatitude"));
        Double xmpLng = xmpCoordinate(xmp.get("exif:GPSLongitude"));
        if (xmpLat != null && xmpLng != null) {
            Double altitude = rational(xmp.get("exif:GPSAltitude"));
            if (altitude != null && "1".equals(xmp.get("exif:GPSAltitudeRef"))) {
                altitude = -altitude;
            }
            return new Double[] {xmpLat, xmpLng, altitude};
        }
        return new Double[] {null, null, null};
    }

    private Optional<GeoPoint> gps() {
        Double[] raw = rawPosition();
        return GeoPoint.of(raw[0], raw[1], raw[2]);
    }

    private String videoCodec() {
        if (movie != null && movie.videoCodec() != null) {
            return movie.videoCodec(); // the sample entry's four-character code, as stored
        }
        return Optional.ofNullable(string(QuickTimeVideoDirectory.class, QuickTimeVideoDirectory.TAG_COMPRESSION_TYPE))
                .orElse(string(Mp4VideoDirectory.class, Mp4VideoDirectory.TAG_COMPRESSION_TYPE));
    }

    private String audioCodec() {
        if (movie != null && movie.audioCodec() != null) {
            return movie.audioCodec();
        }
        return Optional.ofNullable(string(QuickTimeSoundDirectory.class, QuickTimeSoundDirectory.TAG_AUDIO_FORMAT))
                .orElse(string(Mp4SoundDirectory.class, Mp4SoundDirectory.TAG_AUDIO_FORMAT));
    }

    /** Degrees clockwise to turn the picture upright, from the video track's matrix (exiftool's Rotation). */
    private Integer rotation() {
        if (movie != null && movie.rotation() != null) {
            return movie.rotation();
        }
        Integer degrees = integer(QuickTimeDirectory.class, QuickTimeDirectory.TAG_ROTATION);
        if (degrees == null) {
            degrees = integer(Mp4Directory.class, Mp4Directory.TAG_ROTATION);
        }
        if (degrees == null) {
            return null;
        }
        int normal = ((degrees % 360) + 360) % 360;
        return normal % 90 == 0 ? normal : null;
    }

    private String title() {
        return Optional.ofNullable(xmpAlt("dc:title"))
                .orElse(string(IptcDirectory.class, IptcDirectory.TAG_OBJECT_NAME));
    }

    /** The first written caption: a camera's placeholder, often copied into IPTC and XMP by editors, is skipped. */
    private String description() {
        String make = string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_MAKE);
        String model = string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_MODEL);
        for (String caption : new String[] {xmpAlt("dc:description"), string(IptcDirectory.class, IptcDirectory.TAG_CAPTION),
                CameraNames.model(string(ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION))}) {
            if (caption != null && !Captions.isPlaceholder(caption, make, model)) {
                return caption;
            }
        }
        return null;
    }

    private List<String> keywords() {
        Set<String> words = new LinkedHashSet<>();
        for (int i = 1; xmp.containsKey("dc:subject[" + i + "]"); i++) {
            add(words, xmp.get("dc:subject[" + i + "]"));
        }
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        if (iptc != null && iptc.getKeywords() != null) {
            iptc.getKeywords().forEach(word -> add(words, word));
        }
        return new ArrayList<>(words);
    }

    private Integer rating() {
        Integer rating = parseInt(xmp.get("xmp:Rating"));
        return rating != null && rating >= -1 && rating <= 5 ? rating : null;
    }

    /** Pairs a Live Photo's halves: the MOV's QuickTime key, the still's Apple MakerNote tag 0x0011, or XMP. */
    private String contentIdentifier() {
        return Optional.ofNullable(string(QuickTimeMetadataDirectory.class, QuickTimeMetadataDirectory.TAG_CONTENT_IDENTIFIER))
                .or(() -> Optional.ofNullable(string(AppleMakernoteDirectory.class, AppleMakernoteDirectory.TAG_CONTENT_IDENTIFIER)))
                .orElse(xmp.get("apple-fi:ContentIdentifier"));
    }

    private String xmpAlt(String name) {
        String value = xmp.get(name + "[1]");
        return CameraNames.model(value != null ? value : xmp.get(name));
    }

    private static void add(Set<String> words, String word) {
        String clean = CameraNames.model(word);
        if (clean != null) {
            words.add(clean);
        }
    }

    private static Map<String, String> xmpProperties(Metadata metadata) {
        StreamingXmp.Packet packet = metadata.getFirstDirectoryOfType(StreamingXmp.Packet.class);
        if (packet != null) {
            return packet.properties();
        }
        XmpDirectory directory = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        return directory == null ? Map.of() : directory.getXmpProperties();
    }

    private <T extends Directory> Integer[] first(Class<T> type, int widthTag, int heightTag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            Integer width = directory.getInteger(widthTag);
            Integer height = directory.getInteger(heightTag);
            if (width != null && height != null && width > 0 && height > 0) {
                return new Integer[] {width, height};
            }
        }
        return null;
    }

    /** The largest size among directories of a type: HEIF tiles and thumbnails, RAW previews, extra tracks. */
    private <T extends Directory> Integer[] largest(Class<T> type, int widthTag, int heightTag) {
        Integer[] best = null;
        for (T directory : metadata.getDirectoriesOfType(type)) {
            Integer width = directory.getInteger(widthTag);
            Integer height = directory.getInteger(heightTag);
            if (width != null && height != null && width > 0 && height > 0
                    && (best == null || (long) width * height > (long) best[0] * best[1])) {
                best = new Integer[] {width, height};
            }
        }
        return best;
    }

    private <T extends Directory> String string(Class<T> type, int tag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            String value = CameraNames.model(directory.getString(tag));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private <T extends Directory> Integer integer(Class<T> type, int tag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            Integer value = directory.getInteger(tag);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private <T extends Directory> Double decimal(Class<T> type, int tag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            Double value = directory.getDoubleObject(tag);
            if (value != null && !value.isNaN() && !value.isInfinite()) {
                return value;
            }
        }
        return null;
    }

    private <T extends Directory> Date date(Class<T> type, int tag) {
        for (T directory : metadata.getDirectoriesOfType(type)) {
            Date value = directory.getDate(tag, TimeZone.getTimeZone("UTC"));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Double positive(Double value) {
        return value != null && value > 0 ? value : null;
    }

    private static Integer parseInt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double rational(String text) {
        if (text == null) {
            return null;
        }
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(text.strip());
            }
            double denominator = Double.parseDouble(text.substring(slash + 1).strip());
            return denominator == 0 ? null : Double.parseDouble(text.substring(0, slash).strip()) / denominator;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * GPS degrees some phones store as ASCII instead of rationals, e.g. {@code 52,00000,50,00000,34,01180}: the
     * first three numbers are read as degrees, minutes and seconds, as exiftool and Go's imagemeta read them.
     */
    static Double asciiDegrees(String text, String ref) {
        if (text == null || ref == null || !text.matches("[0-9.,\\s/]+")) {
            return null;
        }
        String[] parts = text.strip().split("[,\\s]+");
        if (parts.length < 3) {
            return null;
        }
        try {
            double value = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) / 60 + Double.parseDouble(parts[2]) / 3600;
            String hemisphere = ref.strip().toUpperCase(java.util.Locale.ROOT);
            return hemisphere.startsWith("S") || hemisphere.startsWith("W") ? -value : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double xmpCoordinate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = XMP_COORDINATE.matcher(text.strip());
        if (!m.matches()) {
            return rational(text);
        }
        double value = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) / 60
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 3600);
        return m.group(4).equals("S") || m.group(4).equals("W") ? -value : value;
    }
}
