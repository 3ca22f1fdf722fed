package io.darkroom.gateway.domain;

import java.util.List;

/**
 * The size names thumbnail-service makes (its {@code ThumbnailSize}): the standard set, made for every item when it
 * is indexed, and the larger fits made only when someone asks for them. Files are {@code <size>.jpg}.
 */
public final class ThumbnailSizes {

    public static final List<String> STANDARD = List.of("tile-224", "tile-448", "fit-720", "fit-1280", "fit-1920");

    public static final List<String> ON_DEMAND = List.of("fit-2560", "fit-3840");

    private ThumbnailSizes() {
    }

    /** The size, or a 400 naming the sizes there are. */
    public static String parse(String size) {
        if (known(size)) {
            return size;
        }
        throw new InvalidRequestException("There is no thumbnail size '%s'; the sizes are %s and, made on request, %s"
                .formatted(size, String.join(", ", STANDARD), String.join(", ", ON_DEMAND)));
    }

    public static boolean known(String size) {
        return STANDARD.contains(size) || ON_DEMAND.contains(size);
    }

    public static boolean onDemand(String size) {
        return ON_DEMAND.contains(size);
    }

    public static String fileName(String size) {
        return size + ".jpg";
    }
}
