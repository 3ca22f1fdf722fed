package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/cloudflare/README.md names the settings that matter, and agrees with the nginx site it fronts. */
class CloudflareSettingsTest {

    private final String doc = read("cloudflare/README.md");
    private final String site = read("nginx/darkroom.conf");

    @Test
    void namesEverySettingThatMatters() {
        assertThat(doc).contains("**Full (strict)**", "Authenticated Origin Pulls", "`/api/v1/thumbnails/*`", "immutable",
                "**Bypass cache**", "chunked", "WebSockets", "CF-Connecting-IP");
    }

    @Test
    void uploadLimitMatchesNginx() {
        Matcher limit = Pattern.compile("client_max_body_size (\\d+)m;").matcher(site);
        assertThat(limit.find()).isTrue();
        assertThat(doc).contains("**" + limit.group(1) + " MB**", "`client_max_body_size " + limit.group(1) + "m`");
        assertThat(site).contains("proxy_request_buffering off;");
    }

    @Test
    void originPullStepsMatchTheLinesInTheSite() {
        for (String line : new String[] {"ssl_client_certificate /etc/nginx/snippets/cloudflare-origin-pull-ca.pem;",
                "ssl_verify_client on;"}) {
            assertThat(doc).contains(line);
            assertThat(site).contains("# " + line);
        }
    }

    @Test
    void cloudflareRangesAreTheSameInNginxAndTheFirewall() {
        String realip = read("nginx/snippets/cloudflare-realip.conf");
        String origin = read("nginx/snippets/cloudflare-origin.conf");
        String firewall = read("hetzner/terraform/firewall.tf");
        Matcher range = Pattern.compile("set_real_ip_from ([0-9a-f.:]+/\\d+);").matcher(realip);
        int n = 0;
        while (range.find()) {
            n++;
            assertThat(origin).contains("    " + range.group(1) + " 1;");
            assertThat(firewall).contains("\"" + range.group(1) + "\"");
        }
        assertThat(n).isGreaterThanOrEqualTo(20);
    }

    private static String read(String relative) {
        try {
            return Files.readString(Tools.deploy(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
