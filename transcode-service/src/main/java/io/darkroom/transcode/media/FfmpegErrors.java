package io.darkroom.transcode.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * FFmpeg's own words for a failure. JavaCV's exceptions carry a call and an error code ("avcodec_open2() error -1");
 * FFmpeg says what went wrong in its log ("Cannot load libcuda.so.1"). Its log lines go through JavaCV's logger,
 * and the first error logged on the calling thread (the cause; later lines tend to be consequences) is kept to be
 * added to the failure's reason.
 */
final class FfmpegErrors extends FFmpegLogCallback {

    private static final Pattern CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern ADDRESS = Pattern.compile(" @ 0x[0-9a-f]+\\]");
    private static final ThreadLocal<String> FIRST_ERROR = new ThreadLocal<>();
    private static final FfmpegErrors INSTANCE = new FfmpegErrors();

    static {
        setLogCallback(INSTANCE);
        // Warnings and errors only: the stream listings of every open are noise in a worker's log.
        av_log_set_level(AV_LOG_WARNING);
    }

    private FfmpegErrors() {
    }

    /** Installs the log callback (once) and forgets this thread's error: call before each FFmpeg task. */
    static void begin() {
        FIRST_ERROR.remove();
    }

    @Override
    public void call(int level, BytePointer message) {
        super.call(level, message);
        if (level <= AV_LOG_ERROR && message != null) {
            String line = ADDRESS.matcher(message.getString().trim()).replaceAll("]");
            if (!line.isEmpty() && FIRST_ERROR.get() == null) {
                FIRST_ERROR.set(line);
            }
        }
    }

    /** The exception's message, the meaning of its error code, and FFmpeg's first error on this thread. */
    static String describe(Exception e) {
        String message = String.valueOf(e.getMessage())
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
        Matcher code = CODE.matcher(message);
        if (code.find()) {
            message += " [" + text(Integer.parseInt(code.group(1))) + "]";
        }
        String logged = FIRST_ERROR.get();
        return logged == null ? message : message + " " + logged;
    }

    /** The first error FFmpeg logged on this thread since {@link #begin()}, or null. */
    static String lastError() {
        return FIRST_ERROR.get();
    }

    static String text(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }
}
