package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One derived image: its size name, pixel dimensions, format and path under the derived-files folder. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Thumbnail(String size, int width, int height, String format, String storagePath) {
}
