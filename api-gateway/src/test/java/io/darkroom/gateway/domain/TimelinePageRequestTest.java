package io.darkroom.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimelinePageRequestTest {

    @Test
    void noParametersMeanTheFirstPageAtTheDefaultSize() {
        assertThat(TimelinePageRequest.of(null, null, 100, 500)).isEqualTo(new TimelinePageRequest(100, null));
        assertThat(TimelinePageRequest.of("", "", 100, 500)).isEqualTo(new TimelinePageRequest(100, null));
    }

    @Test
    void takesALimitWithinBoundsAndACursor() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("2020-01-01T00:00:00Z"), 3);

        assertThat(TimelinePageRequest.of("1", cursor.encode(), 100, 500).after()).isEqualTo(cursor);
        assertThat(TimelinePageRequest.of("500", null, 100, 500).limit()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "abc", "1.5", "99999999999"})
    void refusesALimitOutsideOneToTheMaximum(String limit) {
        assertThatThrownBy(() -> TimelinePageRequest.of(limit, null, 100, 500))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1 to 500");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1e3", " "})
    void aMediaIdIsAPositiveWholeNumber(String id) {
        assertThatThrownBy(() -> MediaId.parse(id)).isInstanceOf(InvalidRequestException.class);
    }
}
