package io.darkroom.index.domain;

/**
 * What reading a file found, before deciding whether it can be catalogued.
 *
 * @param sizeBytes        the file's size
 * @param mimeType         the type detected from the content, null if detection failed
 * @param width            pixel width, null when unknown
 * @param height           pixel height, null when unknown
 * @param structureProblem a defect found by a structural check (e.g. a JPEG without its end marker), or null
 * @param parseError       the parser's error message, or null when parsing succeeded
 */
public record ContentFacts(long sizeBytes, String mimeType, Integer width, Integer height, String structureProblem,
        String parseError) {
}
