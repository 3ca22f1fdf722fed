package io.darkroom.index.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Camera makes as people say them: {@code NIKON CORPORATION} → {@code Nikon}, {@code OLYMPUS IMAGING CORP.} → {@code Olympus}. */
public final class CameraNames {

    private static final Map<String, String> MAKES = Map.ofEntries(
            Map.entry("nikon corporation", "Nikon"), Map.entry("nikon", "Nikon"),
            Map.entry("canon", "Canon"), Map.entry("canon inc.", "Canon"),
            Map.entry("olympus imaging corp.", "Olympus"), Map.entry("olympus corporation", "Olympus"),
            Map.entry("olympus optical co.,ltd", "Olympus"), Map.entry("om digital solutions", "OM System"),
            Map.entry("sony", "Sony"), Map.entry("sony ericsson", "Sony Ericsson"),
            Map.entry("fujifilm", "Fujifilm"), Map.entry("fuji photo film co., ltd.", "Fujifilm"),
            Map.entry("panasonic", "Panasonic"), Map.entry("pentax corporation", "Pentax"),
            Map.entry("pentax", "Pentax"), Map.entry("ricoh imaging company, ltd.", "Ricoh"),
            Map.entry("samsung", "Samsung"), Map.entry("samsung techwin", "Samsung"),
            Map.entry("eastman kodak company", "Kodak"), Map.entry("kodak", "Kodak"),
            Map.entry("minolta co., ltd.", "Minolta"), Map.entry("konica minolta camera, inc.", "Konica Minolta"),
            Map.entry("leica camera ag", "Leica"), Map.entry("leica", "Leica"),
            Map.entry("sigma", "Sigma"), Map.entry("hasselblad", "Hasselblad"),
            Map.entry("apple", "Apple"), Map.entry("google", "Google"), Map.entry("xiaomi", "Xiaomi"),
            Map.entry("huawei", "Huawei"), Map.entry("oneplus", "OnePlus"), Map.entry("motorola", "Motorola"),
            Map.entry("lg electronics", "LG"), Map.entry("htc", "HTC"), Map.entry("dji", "DJI"),
            Map.entry("gopro", "GoPro"), Map.entry("phase one", "Phase One"),
            Map.entry("research in motion", "BlackBerry"));

    /** Compiled once: String.replaceAll compiles its pattern on every call, for every file's make and model. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CameraNames() {
    }

    /** The normalised make; an unknown make keeps its own spelling, trimmed. Null or blank gives null. */
    public static String make(String raw) {
        String text = clean(raw);
        if (text == null) {
            return null;
        }
        String known = MAKES.get(text.toLowerCase(Locale.ROOT));
        return known != null ? known : text;
    }

    /** The model, trimmed of padding and NULs; null or blank gives null. */
    public static String model(String raw) {
        return clean(raw);
    }

    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = WHITESPACE.matcher(raw.replace('\0', ' ')).replaceAll(" ").strip();
        return text.isEmpty() ? null : text;
    }
}
