package io.darkroom.index.domain;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides an item's capture time from its evidence, in the order EXIF, QuickTime, XMP, file name, file
 * modification time. Times without an offset (EXIF without OffsetTimeOriginal, file names) are read in the
 * configured zone. Implausible values (before 1971, e.g. QuickTime's 1904 epoch or a reset camera clock, or
 * more than a day in the future) are skipped.
 */
public final class TakenAtResolver {

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");
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
        return exif(evidence).map(at -> new TakenAt(at, TakenAtSource.EXIF))
                .or(() -> plausible(evidence.quickTimeCreated()).map(at -> new TakenAt(at, TakenAtSource.QUICKTIME)))
                .or(() -> xmp(evidence.xmpCreateDate()).map(at -> new TakenAt(at, TakenAtSource.XMP)))
                .or(() -> fileName(evidence.fileName()).map(at -> new TakenAt(at, TakenAtSource.FILE_NAME)))
                .or(() -> Optional.ofNullable(evidence.fileModifiedAt()).map(at -> new TakenAt(at, TakenAtSource.FILE_MTIME)));
    }

    private Optional<Instant> exif(TakenAtEvidence evidence) {
        String text = trim(evidence.exifDateTimeOriginal());
        if (text == null) {
            return Optional.empty();
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text.length() > 19 ? text.substring(0, 19) : text, EXIF_DATE);
        } catch (DateTimeParseException e) {
            return Optional.empty(); // "0000:00:00 00:00:00" and other placeholders
        }
        String subSec = trim(evidence.exifSubSecOriginal());
        if (subSec != null && subSec.matches("\\d{1,9}")) {
            local = local.plusNanos(Long.parseLong((subSec + "000000000").substring(0, 9)));
        }
        ZoneId zone = offset(evidence.exifOffsetOriginal()).map(ZoneId.class::cast).orElse(defaultZone);
        return plausible(local.atZone(zone).toInstant());
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

    private Optional<Instant> xmp(String raw) {
        String text = trim(raw);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return plausible(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // no offset: local time in the default zone
        }
        try {
            return plausible(LocalDateTime.parse(text).atZone(defaultZone).toInstant());
        } catch (DateTimeParseException e) {
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
