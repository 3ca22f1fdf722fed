package io.darkroom.index.domain;

import java.util.List;

/**
 * The descriptive metadata beside an item's essentials; any field may be null (keywords: empty).
 *
 * @param make              camera make, normalised ({@link CameraNames})
 * @param model             camera model
 * @param lens              lens model
 * @param exposureSeconds   exposure time in seconds
 * @param fNumber           aperture
 * @param iso               ISO speed
 * @param focalLengthMm     focal length in millimetres
 * @param gps               validated position, or null
 * @param videoCodec        e.g. {@code avc1}, {@code hvc1}
 * @param audioCodec        e.g. {@code mp4a}
 * @param fps               frames per second
 * @param rotation          video rotation in degrees (0, 90, 180, 270)
 * @param title             title (XMP dc:title, IPTC Object Name)
 * @param description       description (XMP dc:description, IPTC Caption, EXIF ImageDescription)
 * @param keywords          keywords (XMP dc:subject, IPTC Keywords)
 * @param rating            rating -1..5 (XMP xmp:Rating)
 * @param contentIdentifier Apple's ContentIdentifier / MediaGroupUUID: pairs a Live Photo's image and video
 */
public record MediaDetails(String make, String model, String lens, Double exposureSeconds, Double fNumber,
        Integer iso, Double focalLengthMm, GeoPoint gps, String videoCodec, String audioCodec, Double fps,
        Integer rotation, String title, String description, List<String> keywords, Integer rating,
        String contentIdentifier) {

    public static final MediaDetails NONE = new MediaDetails(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, List.of(), null, null);

    public MediaDetails {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
