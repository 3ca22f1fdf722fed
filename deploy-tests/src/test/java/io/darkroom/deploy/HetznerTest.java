package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/hetzner: Terraform formatting, and cloud-init templates that render to valid cloud-config. */
class HetznerTest {

    private static final Path HETZNER = Tools.deploy("hetzner");
    /** A templatefile() call: the template's name and the map literal handed to it. */
    private static final Pattern TEMPLATEFILE =
            Pattern.compile("templatefile\\(\"\\$\\{path\\.module}/\\.\\./cloud-init/([a-z-]+\\.yaml\\.tftpl)\", \\{(.*?)\\n\\s*}\\)", Pattern.DOTALL);
    private static final Pattern MAP_KEY = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=");
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{(?:jsonencode\\()?([a-z_]+)\\)?}");

    @Test
    void terraformIsFormatted() throws Exception {
        Path terraform = Tools.require("terraform", "terraform (HashiCorp's apt repository)");
        Tools.Result result = Tools.run(HETZNER.resolve("terraform"), 60, terraform.toString(), "fmt", "-check", "-diff", "-recursive");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyTemplateVariableIsPassedByTerraform() throws Exception {
        StringBuilder tf = new StringBuilder();
        try (var files = Files.list(HETZNER.resolve("terraform"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
                tf.append(Files.readString(file)).append('\n');
            }
        }
        Matcher call = TEMPLATEFILE.matcher(tf);
        Set<String> templates = new TreeSet<>();
        while (call.find()) {
            String template = call.group(1);
            templates.add(template);
            Set<String> passed = new TreeSet<>();
            Matcher key = MAP_KEY.matcher(call.group(2));
            while (key.find()) {
                passed.add(key.group(1));
            }
            assertThat(passed).as(template).isEqualTo(variablesOf(Files.readString(HETZNER.resolve("cloud-init").resolve(template))));
        }
        assertThat(templates).containsExactlyInAnyOrder("main.yaml.tftpl", "worker.yaml.tftpl");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mainServerCloudConfigRenders() throws Exception {
        Map<String, Object> config = render("main.yaml.tftpl");
        assertThat((List<Object>) config.get("packages")).contains("docker.io", "cifs-utils", "python3-certbot-dns-cloudflare");
        assertThat(config).containsEntry("ssh_pwauth", false).containsEntry("disable_root", true);
        String all = new Yaml().dump(config);
        assertThat(all).contains("vers=3.1.1,seal,credentials=/etc/darkroom/storagebox.credentials", "darkroom-compose.service",
                "make-certs.sh", "certbot certonly");
    }

    @Test
    void workerCloudConfigRendersWithKafkaOverTlsAndNoDatabase() throws Exception {
        Map<String, Object> config = render("worker.yaml.tftpl");
        String env = writeFile(config, "/etc/darkroom/transcode.env");
        assertThat(env).contains("KAFKA_BOOTSTRAP_SERVERS=10.0.1.2:9094", "KAFKA_SECURITY_PROTOCOL=SASL_SSL",
                "KAFKA_SASL_MECHANISM=SCRAM-SHA-512", "KAFKA_SSL_TRUSTSTORE_LOCATION=/etc/darkroom/kafka-ca.pem");
        assertThat(env).doesNotContain("DB_");
        assertThat(writeFile(config, "/etc/darkroom/kafka-ca.pem")).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(writeFile(config, "/etc/systemd/system/darkroom-transcode.service"))
                .contains("-p 10.0.1.10:8084:8084", "--env-file /etc/darkroom/transcode.env");
    }

    /** The template with sample values in place of Terraform's, parsed as YAML. */
    static Map<String, Object> render(String template) throws Exception {
        String text = Files.readString(HETZNER.resolve("cloud-init").resolve(template));
        assertThat(text).startsWith("#cloud-config\n");
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "ssh_public_keys" -> "[\"ssh-ed25519 AAAAC3Nza test@example\"]";
                case "kafka_ca_pem" -> "\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"";
                case "main_private_ip" -> "10.0.1.2";
                case "private_ip" -> template.startsWith("worker") ? "10.0.1.10" : "10.0.1.2";
                case "gpu_flags" -> "";
                default -> "sample-" + m.group(1).replace('_', '-');
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Yaml().load(out.toString().replace("$${", "${"));
    }

    private static Set<String> variablesOf(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static String writeFile(Map<String, Object> config, String path) {
        for (Object entry : (List<Object>) config.get("write_files")) {
            Map<String, Object> file = (Map<String, Object>) entry;
            if (path.equals(file.get("path"))) {
                return (String) file.get("content");
            }
        }
        throw new AssertionError("no write_files entry for " + path);
    }
}
