package io.darkroom.index.domain;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides an item's capture time from its evidence, in the order of {@link TakenAtEvidence}: EXIF and XMP
 * originals, then creation dates, Apple's local QuickTime date, the QuickTime header, the file name, the file
 * modification time. Times without an offset (EXIF without OffsetTimeOriginal, file names) are read in the
 * configured zone. Implausible values (before 1971, e.g. QuickTime's 1904 epoch or a reset camera clock, or
 * more than a day in the future) are skipped.
 */
public final class TakenAtResolver {

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");
    /** {@code 2019-12-20T17:08:32.123+01:00}, {@code 2019:12:20 17:08:32+0100}, {@code 2019-12-20}. */
    private static final Pattern ISO_DATE = Pattern.compile(
            "(\\d{4})[-:](\\d{2})[-:](\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Instant EARLIEST = Instant.parse("1971-01-01T00:00:00Z");

    /** {@code IMG_20191220_170832}, {@code 20191220_170832}, {@code PXL_20191220_170832123}, {@code 2019-12-20 17.08.32}. */
    private static final Pattern NAME_DATE_TIME = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})[-_.]?(\\d{2})[-_.]?(\\d{2})[-_ T.]?(\\d{2})[-_.:]?(\\d{2})[-_.:]?(\\d{2})(\\d{0,3})(?!\\d)");
    /** WhatsApp's {@code IMG-20191220-WA0001}: a date only, read as noon to stay on the right day. */
    private static final Pattern NAME_DATE_WHATSAPP = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})(\\d{2})(\\d{2})-WA\\d+", Pattern.CASE_INSENSITIVE);

    private final ZoneId defaultZone;
    private final Clock clock;

    public TakenAtResolver(ZoneId defaultZone) {
        this(defaultZone, Clock.systemUTC());
    }

    TakenAtResolver(ZoneId defaultZone, Clock clock) {
        this.defaultZone = defaultZone;
        this.clock = clock;
    }

    /** The best capture time; the file modification time when nothing better is known, else empty. */
    public Optional<TakenAt> resolve(TakenAtEvidence evidence) {
        return exif(evidence.exifDateTimeOriginal(), evidence.exifSubSecOriginal(), evidence.exifOffsetOriginal())
                .or(() -> iso(evidence.xmpDateTimeOriginal(), TakenAtSource.XMP))
                .or(() -> exif(evidence.exifCreateDate(), evidence.exifSubSecCreate(), evidence.exifOffsetCreate()))
                .or(() -> iso(evidence.xmpCreateDate(), TakenAtSource.XMP))
                .or(() -> iso(evidence.appleCreationDate(), TakenAtSource.APPLE_CREATION))
                .or(() -> plausible(evidence.quickTimeCreated()).map(at -> new TakenAt(at, TakenAtSource.QUICKTIME,
                        ZoneOffset.UTC, LocalDateTime.ofInstant(at, ZoneOffset.UTC))))
                .or(() -> iso(evidence.xmpDateCreated(), TakenAtSource.XMP))
                .or(() -> fileName(evidence.fileName()).map(at -> inDefaultZone(at, TakenAtSource.FILE_NAME)))
                .or(() -> Optional.ofNullable(evidence.fileModifiedAt())
                        .map(at -> inDefaultZone(at, TakenAtSource.FILE_MTIME)));
    }

    private TakenAt inDefaultZone(Instant at, TakenAtSource source) {
        return new TakenAt(at, source, null, LocalDateTime.ofInstant(at, defaultZone));
    }

    private Optional<TakenAt> exif(String dateTime, String subSecond, String offsetText) {
        String text = trim(dateTime);
        if (text == null) {
            return Optional.empty();
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text.length() > 19 ? text.substring(0, 19) : text, EXIF_DATE);
        } catch (DateTimeParseException e) {
            return Optional.empty(); // "0000:00:00 00:00:00" and other placeholders
        }
        String subSec = trim(subSecond);
        if (subSec != null && subSec.matches("\\d{1,9}")) {
            local = local.plusNanos(Long.parseLong((subSec + "000000000").substring(0, 9)));
        }
        ZoneOffset offset = offset(offsetText).orElse(null);
        ZoneId zone = offset != null ? offset : defaultZone;
        LocalDateTime wallClock = local;
        return plausible(local.atZone(zone).toInstant())
                .map(at -> new TakenAt(at, TakenAtSource.EXIF, offset, wallClock));
    }

    private static Optional<ZoneOffset> offset(String raw) {
        String text = trim(raw);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneOffset.of(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** An ISO 8601 date as XMP and Apple write it: offset optional, {@code +0100} or {@code +01:00}, date alone. */
    private Optional<TakenAt> iso(String raw, TakenAtSource source) {
        String text = trim(raw);
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ISO_DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3),
                    m.group(4) == null ? 0 : num(m, 4), m.group(5) == null ? 0 : num(m, 5),
                    m.group(6) == null ? 0 : num(m, 6));
            if (m.group(7) != null) {
                local = local.plusNanos(Long.parseLong((m.group(7) + "000000000").substring(0, 9)));
            }
            ZoneOffset offset = null;
            String zone = m.group(8);
            if (zone != null) {
                offset = zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone.length() == 5
                        ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            }
            ZoneOffset stated = offset;
            LocalDateTime wallClock = local;
            return plausible(local.atZone(offset != null ? offset : defaultZone).toInstant())
                    .map(at -> new TakenAt(at, source, stated, wallClock));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Instant> fileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = NAME_DATE_TIME.matcher(name);
        while (m.find()) {
            try {
                LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6));
                String millis = m.group(7);
                if (!millis.isEmpty()) {
                    local = local.plus(Long.parseLong((millis + "00").substring(0, 3)), ChronoUnit.MILLIS);
                }
                Optional<Instant> at = plausible(local.atZone(defaultZone).toInstant());
                if (at.isPresent()) {
                    return at;
                }
            } catch (DateTimeException e) {
                // digits that are not a date: keep looking
            }
        }
        Matcher w = NAME_DATE_WHATSAPP.matcher(name);
        if (w.find()) {
            try {
                return plausible(LocalDate.of(num(w, 1), num(w, 2), num(w, 3)).atTime(12, 0).atZone(defaultZone).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> plausible(Instant at) {
        if (at == null || at.isBefore(EARLIEST) || at.isAfter(clock.instant().plus(1, ChronoUnit.DAYS))) {
            return Optional.empty();
        }
        return Optional.of(at);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
