package io.darkroom.gateway.api;

/** An RFC 9457 problem ({@code application/problem+json}): what went wrong, in words a user understands. */
public record Problem(String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
