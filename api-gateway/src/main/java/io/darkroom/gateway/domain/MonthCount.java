package io.darkroom.gateway.domain;

/** How many timeline items were taken in one month (UTC): the scrubber's marks. */
public record MonthCount(int year, int month, long items) {
}
