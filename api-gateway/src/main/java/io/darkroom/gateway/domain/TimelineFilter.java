package io.darkroom.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the timeline is narrowed to: a date range, a camera, a kind, favourites, an album, a folder, words. Every field
 * is optional; {@link #of} validates the raw query parameters and says which one is wrong.
 *
 * @param from        taken at or after (UTC)
 * @param to          taken before (UTC)
 * @param folderHash  SHA-256 of {@code root:folder}, as index-service stores it
 * @param words       the search words, each at least 3 characters (what MariaDB's full-text index holds)
 * @param archived    true: the archive instead of the timeline
 */
public record TimelineFilter(Instant from, Instant to, String cameraMake, String cameraModel, String kind,
        Boolean favourite, Long albumId, byte[] folderHash, List<String> words, boolean archived) {

    public static final TimelineFilter NONE = new TimelineFilter(null, null, null, null, null, null, null, null,
            List.of(), false);

    private static final Set<String> KINDS = Set.of("IMAGE", "RAW", "VIDEO", "ANIMATED", "LIVE_PHOTO");
    private static final int MAX_TEXT = 200;
    private static final int MAX_WORDS = 8;

    /** The raw parameters of {@code GET /api/v1/media}; null where not given. */
    public record Params(String from, String to, String year, String month, String make, String model, String kind,
            String favourite, String album, String root, String folder, String q, String archived) {
    }

    public static TimelineFilter of(Params p) {
        Instant from = day(p.from(), "from");
        Instant to = day(p.to(), "to");
        if (p.year() != null) {
            if (from != null || to != null) {
                throw new InvalidRequestException("Give either year (and month) or from/to, not both.");
            }
            int year = whole(p.year(), "year", 1800, 2200);
            int month = p.month() == null ? 0 : whole(p.month(), "month", 1, 12);
            LocalDate start = LocalDate.of(year, month == 0 ? 1 : month, 1);
            from = start.atStartOfDay().toInstant(ZoneOffset.UTC);
            to = (month == 0 ? start.plusYears(1) : start.plusMonths(1)).atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (p.month() != null) {
            throw new InvalidRequestException("month needs a year.");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from must be before to.");
        }
        String kind = null;
        if (p.kind() != null) {
            kind = p.kind().toUpperCase(Locale.ROOT);
            if (!KINDS.contains(kind)) {
                throw new InvalidRequestException("kind is one of image, raw, video, animated, live_photo.");
            }
        }
        if (p.model() != null && p.make() == null) {
            throw new InvalidRequestException("model needs a make.");
        }
        Long album = p.album() == null ? null : Ids.parse(p.album(), "album");
        byte[] folder = null;
        if (p.folder() != null || p.root() != null) {
            if (p.root() == null) {
                throw new InvalidRequestException("folder needs a root.");
            }
            folder = folderHash(p.root(), p.folder() == null ? "" : p.folder());
        }
        return new TimelineFilter(from, to, text(p.make(), "make", 64), text(p.model(), "model", 128), kind,
                flag(p.favourite(), "favourite"), album, folder, words(p.q()),
                Boolean.TRUE.equals(flag(p.archived(), "archived")));
    }

    /** Nothing narrows it but a date range (and the archive flag): the plain timeline's one index walk serves it. */
    public boolean onlyDates() {
        return cameraMake == null && cameraModel == null && kind == null && favourite == null && albumId == null
                && folderHash == null && words.isEmpty();
    }

    /** MariaDB boolean-mode search: every word required, each as a prefix; operators in the input are dropped. */
    public String booleanQuery() {
        StringBuilder query = new StringBuilder();
        words.forEach(word -> query.append(query.isEmpty() ? "" : " ").append('+').append(word).append('*'));
        return query.toString();
    }

    private static List<String> words(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        if (q.length() > MAX_TEXT) {
            throw new InvalidRequestException("q is at most " + MAX_TEXT + " characters.");
        }
        List<String> words = new ArrayList<>();
        for (String word : q.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3 && words.size() < MAX_WORDS) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (words.isEmpty()) {
            throw new InvalidRequestException("Search for words of at least 3 letters or digits.");
        }
        return List.copyOf(words);
    }

    private static Instant day(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " is a date (2024-06-30) or an instant (2024-06-30T12:00:00Z).");
        }
    }

    private static int whole(String value, String name, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidRequestException(name + " is a whole number from " + min + " to " + max + ".");
    }

    private static Boolean flag(String value, String name) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidRequestException(name + " is true or false.");
        };
    }

    private static String text(String value, String name, int max) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > max) {
            throw new InvalidRequestException(name + " is 1 to " + max + " characters.");
        }
        return value;
    }

    private static byte[] folderHash(String root, String folder) {
        String clean = LibraryFolder.clean(root, folder);
        try {
            return MessageDigest.getInstance("SHA-256").digest((root + ":" + clean).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
