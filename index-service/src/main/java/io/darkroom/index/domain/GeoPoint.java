package io.darkroom.index.domain;

import java.util.Optional;

/**
 * A validated capture position. {@link #of} drops what a device writes when it knows nothing (0,0), values out
 * of range, and keeps the altitude only when it is plausible on Earth (-500 m .. 10,000 m; above that it is an
 * unsigned underflow or an aircraft, either way not where a photo was taken on the ground).
 */
public record GeoPoint(double latitude, double longitude, Double altitude) {

    static final double MIN_ALTITUDE = -500;
    static final double MAX_ALTITUDE = 10_000;

    public static Optional<GeoPoint> of(Double latitude, Double longitude, Double altitude) {
        if (latitude == null || longitude == null || latitude.isNaN() || longitude.isNaN()
                || Math.abs(latitude) > 90 || Math.abs(longitude) > 180
                || (latitude == 0 && longitude == 0)) {
            return Optional.empty();
        }
        Double plausible = altitude != null && !altitude.isNaN() && altitude >= MIN_ALTITUDE
                && altitude <= MAX_ALTITUDE ? altitude : null;
        return Optional.of(new GeoPoint(latitude, longitude, plausible));
    }
}
