package io.darkroom.gateway.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything else the catalog knows of an item, for its detail view; any field may be null. */
public record MediaDetails(
        Long sizeBytes,
        Instant modifiedAt,
        String cameraMake,
        String cameraModel,
        String lens,
        Double exposureSeconds,
        BigDecimal fNumber,
        Integer iso,
        BigDecimal focalLengthMm,
        BigDecimal latitude,
        BigDecimal longitude,
        BigDecimal altitude,
        String videoCodec,
        String audioCodec,
        BigDecimal fps,
        Integer rotation,
        String title,
        String description,
        List<String> keywords,
        Integer rating,
        boolean archived) {
}
