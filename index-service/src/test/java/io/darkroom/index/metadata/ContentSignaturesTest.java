package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.index.corpus.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature fast path must answer exactly what Tika's detector (the one {@link MediaReader} falls back to)
 * answers for the same bytes and name, and decline where the signature is not decisive.
 */
class ContentSignaturesTest {

    private static final Detector TIKA = new AutoDetectParser(TikaConfig.getDefaultConfig()).getDetector();

    @TempDir
    Path dir;

    @Test
    void answersWhatTikaAnswersForEveryMappedSignatureAndName() {
        Map<String, List<String>> namesBySignature = new TreeMap<>(Map.ofEntries(
                Map.entry("jpeg", List.of("a.jpg", "B.JPEG", "named.png", "no-extension")),
                Map.entry("png", List.of("a.png", "B.PNG", "My photo (1).png", "Café.png")),
                Map.entry("gif87a", List.of("a.gif")),
                Map.entry("gif89a", List.of("a.gif", "B.GIF")),
                Map.entry("webp", List.of("a.webp", "B.WebP")),
                Map.entry("qt  ", List.of("a.mov", "B.MOV", "c.qt", "IMG 0001.MOV")),
                Map.entry("isom", List.of("a.mp4", "B.MP4", "clip (2).mp4")),
                Map.entry("mp41", List.of("a.mp4")),
                Map.entry("mp42", List.of("a.mp4", "B.MP4")),
                Map.entry("mp4v", List.of("a.mp4")),
                Map.entry("heic", List.of("a.heic", "IMG_0001.HEIC")),
                Map.entry("heix", List.of("a.heic")),
                Map.entry("avif", List.of("a.avif", "B.AVIF")),
                Map.entry("3gp4", List.of("a.3gp")),
                Map.entry("3gp5", List.of("a.3gp", "B.3GP"))));

        namesBySignature.forEach((signature, names) -> {
            for (String name : names) {
                byte[] head = head(signature);
                Optional<String> fast = ContentSignatures.mimeType(head, name);
                assertThat(fast).as("%s named %s", signature, name).isPresent();
                assertThat(fast.get()).as("%s named %s", signature, name).isEqualTo(tika(file(head, 4096), name));
            }
        });
    }

    @Test
    void answersWhatTikaAnswersForSidecars() throws IOException {
        String packet = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"4\"/>"
                + "</rdf:RDF></x:xmpmeta>";
        Map<String, String> sidecars = Map.of(
                "IMG_0001.CR2.xmp", "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + packet
                        + "\n<?xpacket end=\"w\"?>",
                "photo.XMP", packet,
                "IMG_0001.jpg.json", "{\"title\": \"IMG_0001.jpg\", \"photoTakenTime\": {\"timestamp\": \"1576857000\"}}",
                "album.JSON", "[{\"title\": \"a\"}, {\"title\": \"b\"}]");
        for (Map.Entry<String, String> sidecar : sidecars.entrySet()) {
            byte[] bytes = sidecar.getValue().getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(dir.resolve("sidecar-" + Math.abs(sidecar.getKey().hashCode())), bytes);
            Optional<String> fast = ContentSignatures.mimeType(Arrays.copyOf(bytes, ContentSignatures.HEAD_LENGTH),
                    sidecar.getKey());
            assertThat(fast).as(sidecar.getKey()).isPresent();
            assertThat(fast.get()).as(sidecar.getKey()).isEqualTo(tika(file, sidecar.getKey()));
        }
        byte[] packetHead = Arrays.copyOf(packet.getBytes(StandardCharsets.UTF_8), ContentSignatures.HEAD_LENGTH);
        assertThat(ContentSignatures.mimeType(packetHead, "photo.xml")).isEmpty();
        assertThat(ContentSignatures.mimeType(packetHead, "photo.json")).isEmpty();
        byte[] bom = Arrays.copyOf(("\uFEFF" + packet).getBytes(StandardCharsets.UTF_8), ContentSignatures.HEAD_LENGTH);
        assertThat(ContentSignatures.mimeType(bom, "photo.xmp")).isEmpty(); // a byte-order mark: Tika decides
        byte[] spaced = " {\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentSignatures.mimeType(spaced, "a.json")).isEmpty();
        assertThat(ContentSignatures.mimeType("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "a.txt")).isEmpty();
        assertThat(ContentSignatures.mimeType("<?xml version".getBytes(StandardCharsets.UTF_8), "a.xmp")).isEmpty();
    }

    @Test
    void declinesWhereTheExtensionDoesNotAgree() {
        assertDeclined("png", "a.jpg", "a.gif", "png", "a.png.bak");
        assertDeclined("gif89a", "a.png", "a.webp");
        assertDeclined("webp", "a.png", "a.riff");
        assertDeclined("qt  ", "a.mp4", "a.heic");
        assertDeclined("isom", "a.mov", "a.3gp", "a.m4v");
        assertDeclined("mp42", "a.mov", "a.m4a");
        assertDeclined("3gp5", "a.mp4", "a.mov"); // Tika keeps video/3gpp under an .mp4 name
        assertDeclined("heic", "a.heif", "a.avif", "a.mov");
        assertDeclined("avif", "a.heic", "a.avifs");
    }

    @Test
    void declinesNamesTikaReadsAsUris() {
        // Tika parses the name as a URI: 'clip#1.mp4' is the path 'clip' to it, so the brand alone would decide
        assertDeclined("isom", "clip#1.mp4", "what?.mp4", "a:b.mp4", "100%.mp4", "dir/a.mp4");
        assertDeclined("png", "a#b.png");
    }

    @Test
    void declinesOtherBrandsAndContainers() {
        assertDeclined("mif1", "a.heic", "a.heif");
        assertDeclined("crx ", "a.cr3");
        assertDeclined("XAVC", "a.mp4");
        assertDeclined("avis", "a.avif", "a.avifs");
        assertDeclined("M4V ", "a.mp4", "a.m4v");
        assertDeclined("msf1", "a.heic");
        byte[] avi = "RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ContentSignatures.mimeType(avi, "a.webp")).isEmpty();
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0};
        assertThat(ContentSignatures.mimeType(tiff, "a.dng")).isEmpty(); // the name refines TIFF: Tika's job
    }

    @Test
    void declinesHeadsShorterThanTheirSignature() {
        for (String signature : List.of("jpeg", "png", "gif89a", "webp", "isom", "heic")) {
            byte[] head = head(signature);
            int length = signature.equals("jpeg") ? 3 : signature.equals("png") ? 8 : signature.startsWith("gif") ? 6 : 12;
            byte[] truncated = Arrays.copyOf(head, length - 1);
            for (String name : List.of("a.jpg", "a.png", "a.gif", "a.webp", "a.mp4", "a.heic")) {
                assertThat(ContentSignatures.mimeType(truncated, name)).as("%s cut to %d bytes, named %s", signature,
                        truncated.length, name).isEmpty();
            }
        }
        assertThat(ContentSignatures.mimeType(new byte[0], "a.jpg")).isEmpty();
    }

    /**
     * Every corpus file the fast path answers for: its answer must be Tika's (the corpus is where real files, with
     * whatever else their first 8 KiB hold, meet Tika's magic).
     */
    @Test
    void agreesWithTikaOnEveryCorpusFileItAnswers() throws IOException {
        Optional<Path> corpus = Corpus.locate();
        Assumptions.assumeTrue(corpus.isPresent(), Corpus.SKIP_MESSAGE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus.get().resolve("files"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Integer> answered = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        for (Path file : files) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ContentSignatures.HEAD_LENGTH);
            }
            String name = file.getFileName().toString();
            Optional<String> fast = ContentSignatures.mimeType(head, name);
            if (fast.isPresent()) {
                answered.merge(fast.get(), 1, Integer::sum);
                String tika = tika(file, name);
                if (!tika.equals(fast.get())) {
                    differences.add(corpus.get().relativize(file) + ": signature " + fast.get() + ", Tika " + tika);
                }
            }
        }
        int total = answered.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("Signature fast path: %d of %d corpus files answered without Tika's chain %s%n", total,
                files.size(), answered);
        assertThat(differences).as("files where the signature's answer differs from Tika's").isEmpty();
        assertThat(total).as("corpus files answered by their signature").isPositive();
    }

    private void assertDeclined(String signature, String... names) {
        for (String name : names) {
            assertThat(ContentSignatures.mimeType(head(signature), name)).as("%s named %s", signature, name).isEmpty();
        }
    }

    /** The first bytes of a file with this signature: a JPEG SOI and APP0, a PNG, GIF or WebP header, or an ftyp box. */
    private static byte[] head(String signature) {
        String text = switch (signature) {
            case "jpeg" -> "\u00FF\u00D8\u00FF\u00E0\0\u0010JFIF\0\u0001";
            case "png" -> "\u0089PNG\r\n\u001A\n\0\0\0\rIHDR\0\0\0\u0010\0\0\0\u0010\u0008\u0002\0\0\0";
            case "gif87a", "gif89a" -> (signature.equals("gif87a") ? "GIF87a" : "GIF89a") + "\u0010\0\u0010\0\0\0\0;";
            case "webp" -> "RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0";
            default -> "\0\0\0\u0018ftyp" + signature + "\0\0\0\0" + signature + "isom"; // ISO BMFF major brand
        };
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A file of the head followed by zeros, as long as Tika's magic looks, or longer. */
    private Path file(byte[] head, int length) {
        try {
            Path file = Files.createTempFile(dir, "head", ".bin");
            Files.write(file, ByteBuffer.allocate(Math.max(length, head.length)).put(head).array());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What MediaReader's fallback answers: Tika's default detector chain, given the file and its name. */
    static String tika(Path file, String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return TIKA.detect(in, metadata).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
