package io.darkroom.index.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutOfReachItemsTest {

    @Test
    void aRootsNameIsMatchedLiterallyNotAsAPattern() {
        assertThat(OutOfReachItems.likePrefix("The library root 'family_photos' "))
                .isEqualTo("The library root 'family!_photos' %");
        assertThat(OutOfReachItems.likePrefix("The library root '100%!' ")).isEqualTo("The library root '100!%!!' %");
    }
}
