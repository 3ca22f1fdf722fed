package io.darkroom.transcode.media;

import java.util.LinkedHashMap;
import java.util.Map;

/** The private options that give each H.264 encoder the same intent: constant quality, a speed preset, High profile. */
final class EncoderSettings {

    private EncoderSettings() {
    }

    static Map<String, String> of(String encoder, int crf, String preset) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("profile", "high");
        switch (encoder) {
            case "h264_nvenc" -> {
                // Constant-quality VBR; NVENC's presets are p1 (fastest) .. p7, p4 is its default balance.
                options.put("rc", "vbr");
                options.put("cq", Integer.toString(crf));
                options.put("preset", "p4");
            }
            case "h264_qsv" -> {
                options.put("global_quality", Integer.toString(crf));
                options.put("preset", preset);
            }
            case "h264_vaapi" -> options.put("qp", Integer.toString(crf));
            default -> {
                options.put("crf", Integer.toString(crf));
                options.put("preset", preset);
            }
        }
        return options;
    }
}
