package io.darkroom.index.domain;

import io.darkroom.events.MediaKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the files of one stack (one {@link GroupKey}: same folder and base name, iPhone edits folded in, Live Photo
 * halves joined by Apple's ContentIdentifier) are shown: which one stands for the stack in the timeline (its
 * primary), and which video is a Live Photo's motion half (kind {@link MediaKind#LIVE_PHOTO}, never a primary).
 *
 * <ul>
 * <li>A video is a still's motion half when both carry the same ContentIdentifier, or, where either lacks one, when
 * it is short ({@value #LIVE_PHOTO_MAX_MILLIS} ms at most, or of unknown length): the same-base-name fallback.
 * Different identifiers are different shots.</li>
 * <li>The primary is a still: an edited copy ({@code IMG_E1234}) before its original, a developed image (JPEG,
 * HEIC, ...) before a RAW, the first catalogued on a tie. A stack without a still shows each video.</li>
 * <li>Sidecars are never shown.</li>
 * </ul>
 */
public final class Stacks {

    /** Apple's Live Photo videos run about 3 s; anything much longer is a movie of its own. */
    static final long LIVE_PHOTO_MAX_MILLIS = 5_000;
    private static final Pattern IPHONE_EDIT = Pattern.compile("^img_e\\d{4,}\\..*");

    private Stacks() {
    }

    /** One file of the stack, as catalogued (kind as read from its content: VIDEO for a Live Photo's motion). */
    public record Member(MediaKind kind, String fileName, String contentIdentifier, Long durationMillis) {
    }

    /** What a member becomes: its kind and whether it stands for the stack. */
    public record Role(MediaKind kind, boolean primary) {
    }

    /** The roles of {@code members}, in their order (the first catalogued first). */
    public static List<Role> arrange(List<Member> members) {
        int primary = -1;
        for (int i = 0; i < members.size(); i++) {
            if (isStill(members.get(i).kind()) && (primary < 0 || ranksBefore(members.get(i), members.get(primary)))) {
                primary = i;
            }
        }
        List<Role> roles = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            MediaKind kind = member.kind() == MediaKind.LIVE_PHOTO ? MediaKind.VIDEO : member.kind();
            if (kind == MediaKind.SIDECAR) {
                roles.add(new Role(kind, false));
            } else if (kind == MediaKind.VIDEO) {
                boolean motion = members.stream().anyMatch(still -> isStill(still.kind()) && isMotionOf(member, still));
                roles.add(motion ? new Role(MediaKind.LIVE_PHOTO, false) : new Role(kind, true));
            } else {
                roles.add(new Role(kind, i == primary));
            }
        }
        return roles;
    }

    /** Whether {@code video} is the motion half of {@code still}: see the class comment. */
    public static boolean isMotionOf(Member video, Member still) {
        if (video.contentIdentifier() != null && still.contentIdentifier() != null) {
            return video.contentIdentifier().equalsIgnoreCase(still.contentIdentifier());
        }
        return still.kind() == MediaKind.IMAGE
                && (video.durationMillis() == null || video.durationMillis() <= LIVE_PHOTO_MAX_MILLIS);
    }

    private static boolean isStill(MediaKind kind) {
        return kind == MediaKind.IMAGE || kind == MediaKind.RAW || kind == MediaKind.ANIMATED;
    }

    private static boolean ranksBefore(Member candidate, Member current) {
        boolean edited = isEdit(candidate);
        if (edited != isEdit(current)) {
            return edited;
        }
        return rank(candidate.kind()) < rank(current.kind());
    }

    private static boolean isEdit(Member member) {
        return member.fileName() != null && IPHONE_EDIT.matcher(member.fileName().toLowerCase(Locale.ROOT)).matches();
    }

    private static int rank(MediaKind kind) {
        return switch (Objects.requireNonNull(kind)) {
            case IMAGE -> 0;
            case ANIMATED -> 1;
            case RAW -> 2;
            default -> 3;
        };
    }
}
