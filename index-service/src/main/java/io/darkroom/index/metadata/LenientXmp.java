package io.darkroom.index.metadata;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simple properties of an XMP packet that Adobe's strict parser refuses (old or hand-edited sidecars):
 * {@code prefix:Name="value"} attributes and {@code <prefix:Name>value</prefix:Name>} elements, keyed as
 * metadata-extractor keys them ({@code xap:} is the old name of {@code xmp:}). UTF-8 or UTF-16 with a BOM.
 */
final class LenientXmp {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\b([A-Za-z][\\w-]*):([A-Za-z]\\w*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z][\\w-]*):([A-Za-z]\\w*)>([^<]+)</\\1:\\2>");

    private LenientXmp() {
    }

    static Map<String, String> properties(byte[] bytes) {
        String text = decode(bytes);
        Map<String, String> properties = new HashMap<>();
        for (Pattern pattern : new Pattern[] {ATTRIBUTE, ELEMENT}) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String prefix = m.group(1).equals("xap") ? "xmp" : m.group(1);
                if (prefix.equals("xmlns") || prefix.equals("rdf") || prefix.equals("x")) {
                    continue;
                }
                properties.putIfAbsent(prefix + ":" + m.group(2), m.group(3).strip());
            }
        }
        return properties;
    }

    private static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
