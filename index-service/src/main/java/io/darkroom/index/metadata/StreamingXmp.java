package io.darkroom.index.metadata;

import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A JPEG's XMP packet read with a streaming parser into the property map Darkroom looks at, keyed as
 * metadata-extractor keys Adobe XMPCore's reading ({@code dc:title[1]}, {@code dc:subject[2]}, {@code xmp:Rating},
 * the namespace's usual prefix whatever prefix the packet uses). XMPCore builds a DOM and an XMP tree for every
 * packet, which cost more than all of a JPEG's other segments together; this reads the simple properties and the
 * items of arrays, and skips structures, which Darkroom does not use. A packet the streaming parser refuses is
 * read leniently ({@link LenientXmp}).
 */
final class StreamingXmp implements JpegSegmentMetadataReader {

    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final byte[] PREAMBLE = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final Map<String, String> PREFIXES = Map.of(
            "http://purl.org/dc/elements/1.1/", "dc",
            "http://ns.adobe.com/xap/1.0/", "xmp",
            "http://ns.adobe.com/exif/1.0/", "exif",
            "http://ns.adobe.com/tiff/1.0/", "tiff",
            "http://ns.adobe.com/photoshop/1.0/", "photoshop",
            "http://ns.adobe.com/exif/1.0/aux/", "aux",
            "http://cipa.jp/exif/1.0/", "exifEX",
            "http://ns.apple.com/faceinfo/1.0/", "apple-fi",
            "http://ns.adobe.com/pdf/1.3/", "pdf");
    /**
     * The XMP specification's aliases that XMPCore folds into their base property, for the properties Darkroom
     * reads (e.g. exiftool writes EXIF's DateTimeDigitized as {@code exif:DateTimeDigitized}, which XMPCore reports
     * as {@code xmp:CreateDate}).
     */
    private static final Map<String, String> ALIASES = Map.of(
            "exif:DateTimeDigitized", "xmp:CreateDate",
            "pdf:CreationDate", "xmp:CreateDate",
            "tiff:DateTime", "xmp:ModifyDate",
            "pdf:ModDate", "xmp:ModifyDate",
            "tiff:ImageDescription", "dc:description[1]",
            "photoshop:Caption", "dc:description[1]",
            "xmp:Description", "dc:description[1]",
            "photoshop:Title", "dc:title[1]",
            "xmp:Title", "dc:title[1]");
    private static final XMLInputFactory FACTORY = factory();

    /** The properties read from a JPEG's XMP segment, as a directory of their own. */
    static final class Packet extends com.drew.metadata.Directory {
        private final Map<String, String> properties;

        Packet(Map<String, String> properties) {
            this.properties = properties;
        }

        Map<String, String> properties() {
            return properties;
        }

        @Override
        public String getName() {
            return "XMP (streamed)";
        }

        @Override
        protected HashMap<Integer, String> getTagNameMap() {
            return new HashMap<>();
        }
    }

    @Override
    public Iterable<JpegSegmentType> getSegmentTypes() {
        return List.of(JpegSegmentType.APP1);
    }

    @Override
    public void readJpegSegments(Iterable<byte[]> segments, Metadata metadata, JpegSegmentType type) {
        for (byte[] segment : segments) {
            if (segment.length > PREAMBLE.length && startsWith(segment, PREAMBLE)
                    && metadata.getFirstDirectoryOfType(Packet.class) == null) {
                byte[] packet = java.util.Arrays.copyOfRange(segment, PREAMBLE.length, segment.length);
                metadata.addDirectory(new Packet(properties(packet)));
            }
        }
    }

    /** The packet's properties; leniently read where it is not well-formed XML. */
    static Map<String, String> properties(byte[] packet) {
        Map<String, String> properties;
        try {
            properties = parse(packet);
        } catch (XMLStreamException | RuntimeException e) {
            properties = new HashMap<>(LenientXmp.properties(packet));
        }
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            String value = properties.get(alias.getKey());
            if (value != null) {
                properties.putIfAbsent(alias.getValue(), value);
            }
        }
        return properties;
    }

    private static Map<String, String> parse(byte[] packet) throws XMLStreamException {
        Map<String, String> properties = new HashMap<>();
        XMLStreamReader xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(packet));
        try {
            int depthInDescription = -1; // element depth of the rdf:Description we are in
            int depth = 0;
            String property = null; // the property element we are in, keyed
            int items = 0;
            StringBuilder text = new StringBuilder();
            boolean structure = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String ns = xml.getNamespaceURI();
                    String local = xml.getLocalName();
                    if (RDF.equals(ns) && local.equals("Description") && depthInDescription < 0) {
                        depthInDescription = depth;
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            String attributeNs = xml.getAttributeNamespace(i);
                            if (attributeNs != null && !attributeNs.isEmpty() && !RDF.equals(attributeNs)) {
                                properties.putIfAbsent(key(attributeNs, xml.getAttributePrefix(i), xml.getAttributeLocalName(i)),
                                        xml.getAttributeValue(i));
                            }
                        }
                    } else if (depthInDescription > 0 && depth == depthInDescription + 1) {
                        property = key(ns, xml.getPrefix(), local);
                        items = 0;
                        structure = "Resource".equals(xml.getAttributeValue(RDF, "parseType"));
                        text.setLength(0);
                    } else if (property != null && RDF.equals(ns) && local.equals("li")) {
                        items++;
                        text.setLength(0);
                    } else if (property != null && !(RDF.equals(ns)
                            && (local.equals("Bag") || local.equals("Seq") || local.equals("Alt")))) {
                        structure = true; // a structure or a nested description: not read
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (property != null) {
                        text.append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String ns = xml.getNamespaceURI();
                    String local = xml.getLocalName();
                    if (property != null && RDF.equals(ns) && local.equals("li") && !structure) {
                        properties.putIfAbsent(property + "[" + items + "]", text.toString().strip());
                        text.setLength(0);
                    } else if (property != null && depth == depthInDescription + 1) {
                        if (items == 0 && !structure && !text.toString().isBlank()) {
                            properties.putIfAbsent(property, text.toString().strip());
                        }
                        property = null;
                    } else if (depth == depthInDescription) {
                        depthInDescription = -1; // a packet may hold several descriptions
                    }
                    depth--;
                }
            }
        } finally {
            xml.close();
        }
        return properties;
    }

    private static String key(String namespace, String prefix, String local) {
        String known = PREFIXES.get(namespace);
        String name = known != null ? known : prefix == null || prefix.isEmpty() ? "" : prefix;
        return (name.equals("xap") ? "xmp" : name) + ":" + local;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no DTDs, no external entities
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
