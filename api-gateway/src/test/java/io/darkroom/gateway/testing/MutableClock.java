package io.darkroom.gateway.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock a test moves by hand ({@code now}), starting at 2026-11-25T12:00:00Z. */
public final class MutableClock extends Clock {

    public Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
