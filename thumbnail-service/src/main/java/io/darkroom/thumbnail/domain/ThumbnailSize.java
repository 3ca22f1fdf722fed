package io.darkroom.thumbnail.domain;

import java.util.List;
import java.util.Optional;

/**
 * One size of the standard set. A tile is a centre-cropped square for the grid; a fit preview keeps the
 * aspect ratio with its long edge at {@code edge} (never upscaled).
 */
public record ThumbnailSize(String name, int edge, boolean square) {

    /** Grid tiles at 1x and 2x pixel density, and fit-in previews for the viewer. */
    public static final List<ThumbnailSize> STANDARD = List.of(
            new ThumbnailSize("tile-224", 224, true),
            new ThumbnailSize("tile-448", 448, true),
            new ThumbnailSize("fit-720", 720, false),
            new ThumbnailSize("fit-1280", 1280, false),
            new ThumbnailSize("fit-1920", 1920, false));

    /** Larger fits, made only when api-gateway asks for them ({@code ThumbnailRequested}). */
    public static final List<ThumbnailSize> ON_DEMAND = List.of(
            new ThumbnailSize("fit-2560", 2560, false),
            new ThumbnailSize("fit-3840", 3840, false));

    /** The on-demand size of this name. */
    public static Optional<ThumbnailSize> onDemand(String name) {
        return ON_DEMAND.stream().filter(size -> size.name().equals(name)).findFirst();
    }

    public String fileName() {
        return name + ".jpg";
    }

    /** Output dimensions for a source of {@code width} x {@code height} (as displayed). */
    public Dimensions targetFor(int width, int height) {
        if (square) {
            int side = Math.min(edge, Math.min(width, height));
            return new Dimensions(side, side);
        }
        int longEdge = Math.max(width, height);
        if (longEdge <= edge) {
            return new Dimensions(width, height);
        }
        double scale = (double) edge / longEdge;
        return new Dimensions(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
    }

    /** Pixel dimensions. */
    public record Dimensions(int width, int height) {
    }
}
