package io.darkroom.index.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a QuickTime/MP4 file's movie box ({@code moov}) states, read from the box headers and the movie box only;
 * the media data ({@code mdat}) is skipped. It covers what metadata-extractor misses or reads differently: a file
 * without an {@code ftyp} box, the track header's size and rotation matrix, the sample entries' four-character
 * codes, the frame rate from the sample table, positions in {@code udta/©xyz} (ISO 6709) and 3GPP {@code loci},
 * and the camera in {@code udta/©mak}/{@code ©mod} or Pentax's {@code TAGS}.
 */
final class MovieBoxes {

    /**
     * The movie's facts; any may be null.
     *
     * @param rotation degrees clockwise to turn the picture upright (0, 90, 180, 270), from the track matrix
     * @param position {lat, lng, altitude (may be null)} as stored, or null
     */
    record Movie(Integer width, Integer height, Integer rotation, String videoCodec, String audioCodec, Double fps,
            Long durationMillis, Instant created, Double[] position, String make, String model) {
    }

    private static final int MAX_MOVIE_BYTES = 32 << 20;
    /** Seconds from 1904-01-01 (QuickTime's epoch) to 1970-01-01. */
    private static final long QUICKTIME_EPOCH = 2_082_844_800L;
    private static final Pattern ISO6709 = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?.*");

    private static final int MOOV = type("moov");
    private static final int MVHD = type("mvhd");
    private static final int TRAK = type("trak");
    private static final int TKHD = type("tkhd");
    private static final int MDIA = type("mdia");
    private static final int MDHD = type("mdhd");
    private static final int HDLR = type("hdlr");
    private static final int MINF = type("minf");
    private static final int STBL = type("stbl");
    private static final int STSD = type("stsd");
    private static final int STTS = type("stts");
    private static final int UDTA = type("udta");
    private static final int LOCI = type("loci");
    private static final int TAGS = type("TAGS");
    private static final int XYZ = 0xA978797A; // ©xyz
    private static final int MAK = 0xA96D616B; // ©mak
    private static final int MOD = 0xA96D6F64; // ©mod
    private static final int VIDE = type("vide");
    private static final int SOUN = type("soun");

    private MovieBoxes() {
    }

    /** The movie box's facts, or null when the file has no readable {@code moov} among its top-level boxes. */
    static Movie read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(16);
            for (int boxes = 0; boxes < 256 && position + 8 <= size; boxes++) {
                header.clear();
                channel.read(header, position);
                header.flip();
                if (header.remaining() < 8) {
                    return null;
                }
                long boxSize = Integer.toUnsignedLong(header.getInt());
                int type = header.getInt();
                int headerLength = 8;
                if (boxSize == 1 && header.remaining() >= 8) {
                    boxSize = header.getLong();
                    headerLength = 16;
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                if (boxSize < headerLength) {
                    return null;
                }
                if (type == MOOV) {
                    long length = Math.min(boxSize, size - position) - headerLength;
                    if (length > MAX_MOVIE_BYTES) {
                        return null;
                    }
                    ByteBuffer moov = ByteBuffer.allocate((int) length);
                    while (moov.hasRemaining() && channel.read(moov, position + headerLength + moov.position()) > 0) {
                        // positional reads until the box is in
                    }
                    return new Reader().movie(moov.flip());
                }
                position += boxSize;
            }
            return null;
        }
    }

    /** One track's facts while the movie box is read. */
    private static final class Track {
        int handler;
        int width;
        int height;
        Integer rotation;
        long timescale;
        long duration;
        String format;
        int entryWidth;
        int entryHeight;
        long samples;
    }

    private static final class Reader {
        private final List<Track> tracks = new ArrayList<>();
        private Long durationMillis;
        private Instant created;
        private Double[] position;
        private String make;
        private String model;

        Movie movie(ByteBuffer moov) {
            each(moov, (type, box) -> {
                if (type == MVHD) {
                    movieHeader(box);
                } else if (type == TRAK) {
                    tracks.add(track(box));
                } else if (type == UDTA) {
                    each(box, this::userData);
                }
            });
            Track video = null;
            for (Track track : tracks) {
                if (track.handler == VIDE && (video == null || area(track) > area(video))) {
                    video = track;
                }
            }
            Track audio = tracks.stream().filter(t -> t.handler == SOUN).findFirst().orElse(null);
            Integer width = null;
            Integer height = null;
            Double fps = null;
            if (video != null) {
                boolean header = video.width > 0 && video.height > 0;
                width = header ? video.width : video.entryWidth > 0 ? video.entryWidth : null;
                height = header ? video.height : video.entryHeight > 0 ? video.entryHeight : null;
                if (video.timescale > 0 && video.duration > 0 && video.samples > 0) {
                    fps = video.samples * (double) video.timescale / video.duration;
                }
            }
            return new Movie(width, height, video == null ? null : video.rotation, video == null ? null : video.format,
                    audio == null ? null : audio.format, fps, durationMillis, created, position, make, model);
        }

        private static long area(Track track) {
            return (long) Math.max(track.width, track.entryWidth) * Math.max(track.height, track.entryHeight);
        }

        private void movieHeader(ByteBuffer box) {
            int version = box.get(0);
            if (box.limit() < (version == 1 ? 32 : 20)) {
                return;
            }
            long seconds = version == 1 ? box.getLong(4) : Integer.toUnsignedLong(box.getInt(4));
            long timescale = Integer.toUnsignedLong(box.getInt(version == 1 ? 20 : 12));
            long duration = version == 1 ? box.getLong(24) : Integer.toUnsignedLong(box.getInt(16));
            if (seconds > QUICKTIME_EPOCH) { // 0 (unset) and dates before 1970 are no capture time
                created = Instant.ofEpochSecond(seconds - QUICKTIME_EPOCH);
            }
            if (timescale > 0 && duration > 0 && duration != 0xFFFFFFFFL) {
                durationMillis = Math.round(duration * 1000.0 / timescale);
            }
        }

        private Track track(ByteBuffer trak) {
            Track track = new Track();
            each(trak, (type, box) -> {
                if (type == TKHD) {
                    trackHeader(box, track);
                } else if (type == MDIA) {
                    each(box, (mediaType, media) -> {
                        if (mediaType == HDLR && media.limit() >= 12) {
                            track.handler = media.getInt(8);
                        } else if (mediaType == MDHD) {
                            mediaHeader(media, track);
                        } else if (mediaType == MINF) {
                            each(media, (infoType, info) -> {
                                if (infoType == STBL) {
                                    each(info, (tableType, table) -> sampleTable(tableType, table, track));
                                }
                            });
                        }
                    });
                }
            });
            return track;
        }

        private static void trackHeader(ByteBuffer box, Track track) {
            int base = box.get(0) == 1 ? 36 : 24; // after the times, track id and duration
            if (box.limit() < base + 60) {
                return;
            }
            int a = box.getInt(base + 16);
            int b = box.getInt(base + 20);
            int degrees = (int) Math.round(Math.toDegrees(Math.atan2(b, a)));
            int normal = ((degrees % 360) + 360) % 360;
            track.rotation = normal % 90 == 0 ? normal : null;
            track.width = box.getInt(base + 52) >>> 16;
            track.height = box.getInt(base + 56) >>> 16;
        }

        private static void mediaHeader(ByteBuffer box, Track track) {
            boolean wide = box.get(0) == 1;
            if (box.limit() < (wide ? 32 : 20)) {
                return;
            }
            track.timescale = Integer.toUnsignedLong(box.getInt(wide ? 20 : 12));
            track.duration = wide ? box.getLong(24) : Integer.toUnsignedLong(box.getInt(16));
        }

        private static void sampleTable(int type, ByteBuffer box, Track track) {
            if (type == STSD && box.limit() >= 16 && box.getInt(4) > 0) {
                track.format = fourCc(box.getInt(12));
                if (box.limit() >= 44) {
                    track.entryWidth = Short.toUnsignedInt(box.getShort(40));
                    track.entryHeight = Short.toUnsignedInt(box.getShort(42));
                }
            } else if (type == STTS && box.limit() >= 8) {
                int entries = box.getInt(4);
                long samples = 0;
                for (int i = 0; i < entries && 8 + i * 8 + 8 <= box.limit(); i++) {
                    samples += Integer.toUnsignedLong(box.getInt(8 + i * 8));
                }
                track.samples = samples;
            }
        }

        private void userData(int type, ByteBuffer box) {
            if (type == XYZ && position == null) {
                String text = quickTimeText(box);
                Matcher m = text == null ? null : ISO6709.matcher(text.strip());
                if (m != null && m.matches()) {
                    position = new Double[] {Double.valueOf(m.group(1)), Double.valueOf(m.group(2)),
                            m.group(3) == null ? null : Double.valueOf(m.group(3))};
                }
            } else if (type == LOCI && position == null) {
                location(box);
            } else if (type == MAK && make == null) {
                make = quickTimeText(box);
            } else if (type == MOD && model == null) {
                model = quickTimeText(box);
            } else if (type == TAGS && make == null) {
                String text = new String(box.array(), box.arrayOffset(), Math.min(24, box.limit()), StandardCharsets.ISO_8859_1);
                int end = text.indexOf('\0');
                text = end < 0 ? text : text.substring(0, end);
                if (text.startsWith("PENTAX")) { // Pentax's MOV header: the make in its first 24 bytes
                    make = text;
                }
            }
        }

        /** 3GPP {@code loci}: name, role, then longitude, latitude and altitude as signed 16.16 fixed point. */
        private void location(ByteBuffer box) {
            int at = 6; // version and flags, language
            if (box.limit() >= at + 2 && (box.getShort(at) & 0xFFFF) == 0xFEFF) {
                while (at + 1 < box.limit() && box.getShort(at) != 0) {
                    at += 2; // a UTF-16 name up to its two-byte terminator
                }
                at += 2;
            } else {
                while (at < box.limit() && box.get(at) != 0) {
                    at++;
                }
                at++;
            }
            at++; // role
            if (at + 12 > box.limit()) {
                return;
            }
            double longitude = box.getInt(at) / 65536.0;
            double latitude = box.getInt(at + 4) / 65536.0;
            double altitude = box.getInt(at + 8) / 65536.0;
            position = new Double[] {latitude, longitude, altitude};
        }
    }

    /** A QuickTime user-data text: a 16-bit length, a 16-bit language code, then the text. */
    private static String quickTimeText(ByteBuffer box) {
        if (box.limit() < 4) {
            return null;
        }
        int length = Math.min(Short.toUnsignedInt(box.getShort(0)), box.limit() - 4);
        String text = new String(box.array(), box.arrayOffset() + 4, length, StandardCharsets.UTF_8).replace("\0", "").strip();
        return text.isEmpty() ? null : text;
    }

    private interface BoxVisitor {
        void visit(int type, ByteBuffer content);
    }

    /** Calls {@code visitor} with each child box's type and content (a buffer of its own, positioned at 0). */
    private static void each(ByteBuffer parent, BoxVisitor visitor) {
        int position = 0;
        int limit = parent.limit();
        while (position + 8 <= limit) {
            long size = Integer.toUnsignedLong(parent.getInt(position));
            int type = parent.getInt(position + 4);
            int headerLength = 8;
            if (size == 1 && position + 16 <= limit) {
                size = parent.getLong(position + 8);
                headerLength = 16;
            } else if (size == 0) {
                size = limit - position;
            }
            if (size < headerLength || position + size > limit) {
                return;
            }
            ByteBuffer content = parent.duplicate().position(position + headerLength).limit((int) (position + size)).slice();
            visitor.visit(type, content);
            position += (int) size;
        }
    }

    private static int type(String fourCc) {
        byte[] bytes = fourCc.getBytes(StandardCharsets.ISO_8859_1);
        return (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    }

    private static String fourCc(int value) {
        return new String(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value},
                StandardCharsets.ISO_8859_1);
    }
}
