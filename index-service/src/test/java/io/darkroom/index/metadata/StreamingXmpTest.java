package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingXmpTest {

    @Test
    void readsAttributesElementsArrayItemsAndAliasesUnderTheUsualPrefixes() {
        String packet = "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:xap='http://ns.adobe.com/xap/1.0/' xap:Rating='4'"
                + " xmlns:e='http://ns.adobe.com/exif/1.0/' e:GPSLatitude='52,31.5N'>"
                + "<e:DateTimeDigitized>2020-01-01T17:28:25+01:00</e:DateTimeDigitized>"
                + "<e:Flash rdf:parseType='Resource'><e:Fired>False</e:Fired></e:Flash>"
                + "</rdf:Description>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                + "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>Night Shift &amp; Berlin</rdf:li></rdf:Alt></dc:title>"
                + "<dc:subject><rdf:Bag><rdf:li>night</rdf:li><rdf:li>berlin</rdf:li></rdf:Bag></dc:subject>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";

        Map<String, String> properties = StreamingXmp.properties(packet.getBytes(StandardCharsets.UTF_8));

        assertThat(properties).containsEntry("xmp:Rating", "4").containsEntry("exif:GPSLatitude", "52,31.5N")
                .containsEntry("xmp:CreateDate", "2020-01-01T17:28:25+01:00") // the alias XMPCore folds in
                .containsEntry("dc:title[1]", "Night Shift & Berlin")
                .containsEntry("dc:subject[1]", "night").containsEntry("dc:subject[2]", "berlin")
                .doesNotContainKey("exif:Flash").doesNotContainKey("exif:Fired");
    }

    @Test
    void aPacketThatIsNotWellFormedIsReadLeniently() {
        String broken = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description xmp:Rating=\"2\""
                + " exif:DateTimeOriginal=\"2005-06-09T20:09:27\"><unclosed></rdf:RDF>";

        Map<String, String> properties = StreamingXmp.properties(broken.getBytes(StandardCharsets.UTF_8));

        assertThat(properties).containsEntry("xmp:Rating", "2").containsEntry("exif:DateTimeOriginal", "2005-06-09T20:09:27");
    }
}
