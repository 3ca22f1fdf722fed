package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionsTest {

    @Test
    void cameraPlaceholdersAreNotCaptions() {
        assertThat(Captions.isPlaceholder("OLYMPUS DIGITAL CAMERA", "OLYMPUS IMAGING CORP.", "E-M5")).isTrue();
        assertThat(Captions.isPlaceholder("DCIM\\100GOPRO", "GoPro", "HD2")).isTrue();
        assertThat(Captions.isPlaceholder("SAMSUNG", "SAMSUNG", "SM-G930F")).isTrue();
        assertThat(Captions.isPlaceholder("KONICA MINOLTA DIGITAL CAMERA", null, null)).isTrue();
        assertThat(Captions.isPlaceholder(" sony dsc ", "SONY", "ILCE-7M3")).isTrue();
    }

    @Test
    void writtenCaptionsAreKept() {
        assertThat(Captions.isPlaceholder("Boats at dusk", "Canon", "EOS 5D")).isFalse();
        assertThat(Captions.isPlaceholder("Samsung headquarters at night", "SAMSUNG", "SM-G930F")).isFalse();
        assertThat(Captions.isPlaceholder(null, "Canon", "EOS 5D")).isFalse();
    }
}
