package io.darkroom.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineCursorTest {

    @Test
    void aDatedCursorSurvivesTheRoundTrip() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("2019-12-20T16:08:32.123Z"), 42);

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(TimelineCursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void anUndatedCursorSurvivesTheRoundTrip() {
        TimelineCursor cursor = new TimelineCursor(null, 7);

        assertThat(TimelineCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void datesBeforeTheEpochWork() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("1969-07-20T20:17:40Z"), 1);

        assertThat(TimelineCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "%%%", "dDE6eDox", "dDE6OjA", "dDI6OjE", "dDE6MQ", "YWJj"})
    void anythingButAHandedOutCursorIsTheClientsMistake(String cursor) {
        assertThatThrownBy(() -> TimelineCursor.decode(cursor))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cursor is not valid");
    }

    @Test
    void aNegativeIdIsRefused() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("t1::-5".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TimelineCursor.decode(forged)).isInstanceOf(InvalidRequestException.class);
    }
}
