package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd through {@code systemd-analyze verify}; shell scripts through {@code bash -n}. */
class SystemdUnitsTest {

    /**
     * Syntax, unknown keys and bad assignments fail; what only the target host has (the installed jars and scripts,
     * docker.service, mariadb.service) is left out of the verdict.
     */
    @Test
    void unitsVerify(@TempDir Path dir) throws Exception {
        Path analyze = Tools.require("systemd-analyze", "systemd");
        List<String> units = new ArrayList<>();
        try (var files = Files.list(Tools.deploy("systemd"))) {
            for (Path unit : files.filter(f -> f.toString().matches(".*\\.(service|timer|target)$")).toList()) {
                String name = unit.getFileName().toString().replace("@.service", "@ingest-service.service");
                Files.copy(unit, dir.resolve(name));
                units.add("./" + name);
            }
        }
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        command.addAll(units);
        Tools.Result result = Tools.run(dir, 60, command.toArray(String[]::new));
        List<String> problems = result.output().lines()
                .filter(l -> !l.isBlank())
                .filter(l -> !l.contains("is not executable: No such file or directory"))
                .filter(l -> !l.matches(".*Unit (docker|mariadb)\\.service not found.*"))
                .toList();
        assertThat(problems).as(result.output()).isEmpty();
        assertThat(units).contains("./darkroom@ingest-service.service", "./darkroom-backup.timer");
    }

    @Test
    void shellScriptsParse() throws Exception {
        List<Path> scripts;
        try (var files = Files.walk(Tools.repo().resolve("deploy"))) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
        for (Path script : scripts) {
            assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
            Tools.Result result = Tools.run(script.getParent(), 30, "bash", "-n", script.toString());
            assertThat(result.exitCode()).as(script + ": " + result.output()).isZero();
        }
    }
}
