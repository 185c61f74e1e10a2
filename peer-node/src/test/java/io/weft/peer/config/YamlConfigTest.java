package io.weft.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigTest {
    private static final String YAML =
            """
            General:
              ListenAddress: 127.0.0.1
              ListenPort: 7050
              TLS:
                Enabled: false
                RootCAs:
                  - tls/ca.crt
              Keepalive:
                ServerInterval: 7200s
            FileLedger:
              Location: ledger
            BatchSize:
              AbsoluteMaxBytes: 10 MB
            """;

    private YamlConfig config(Map<String, String> env) {
        return YamlConfig.parse(YAML, Path.of("/etc/weft"), "ORDERER", env, "orderer.yaml");
    }

    @Test
    void readsKeysCaseInsensitivelyWithTypes() {
        YamlConfig config = config(Map.of());
        assertThat(config.string("general.listenaddress", "x")).isEqualTo("127.0.0.1");
        assertThat(config.integer("General.ListenPort", 0, 1, 65535)).isEqualTo(7050);
        assertThat(config.bool("General.TLS.Enabled", true)).isFalse();
        assertThat(config.duration("General.Keepalive.ServerInterval", Duration.ZERO))
                .isEqualTo(Duration.ofHours(2));
        assertThat(config.bytes("BatchSize.AbsoluteMaxBytes", 0)).isEqualTo(10L * 1024 * 1024);
        assertThat(config.path("FileLedger.Location")).contains(Path.of("/etc/weft/ledger"));
        assertThat(config.paths("General.TLS.RootCAs")).containsExactly(Path.of("/etc/weft/tls/ca.crt"));
        assertThat(config.string("General.Missing", "default")).isEqualTo("default");
        config.check();
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideBoth() {
        YamlConfig config =
                config(Map.of("ORDERER_GENERAL_LISTENPORT", "8050", "ORDERER_GENERAL_TLS_ROOTCAS", "[a.crt, /b.crt]"));
        assertThat(config.integer("General.ListenPort", 0, 1, 65535)).isEqualTo(8050);
        assertThat(config.paths("General.TLS.RootCAs")).containsExactly(Path.of("/etc/weft/a.crt"), Path.of("/b.crt"));
        config.override("General.ListenPort", "9050");
        assertThat(config.integer("General.ListenPort", 0, 1, 65535)).isEqualTo(9050);
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKeys() {
        YamlConfig config = config(Map.of(
                "ORDERER_GENERAL_LISTENPORT", "seventy",
                "ORDERER_GENERAL_TLS_ENABLED", "yes please",
                "ORDERER_GENERAL_KEEPALIVE_SERVERINTERVAL", "soon"));
        config.integer("General.ListenPort", 7050, 1, 65535);
        config.bool("General.TLS.Enabled", false);
        config.duration("General.Keepalive.ServerInterval", Duration.ZERO);
        assertThatThrownBy(config::check).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                        ((ConfigException) e).problems())
                .containsExactly(
                        "General.ListenPort: expected a whole number, got 'seventy'",
                        "General.TLS.Enabled: expected true or false, got 'yes please'",
                        "General.Keepalive.ServerInterval: expected a duration such as 30s, 5m or 300ms, got 'soon'"));
    }

    @Test
    void listsKeysNobodyRead() {
        YamlConfig config = config(Map.of());
        config.string("General.ListenAddress", "");
        assertThat(config.unknownKeys(List.of("General.TLS", "General.Keepalive", "BatchSize")))
                .containsExactly("general.listenport", "fileledger.location");
    }

    @Test
    void parsesGoDurations() {
        assertThat(YamlConfig.parseDuration("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(YamlConfig.parseDuration("300ms")).contains(Duration.ofMillis(300));
        assertThat(YamlConfig.parseDuration("2h")).contains(Duration.ofHours(2));
        assertThat(YamlConfig.parseDuration("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(YamlConfig.parseDuration("10")).isEmpty();
        assertThat(YamlConfig.parseDuration("s")).isEmpty();
    }

    @Test
    void missingOrBrokenFilesAreClearErrors() {
        assertThatThrownBy(() -> YamlConfig.load(Path.of("/nonexistent/core.yaml"), "CORE", Map.of()))
                .hasMessage("config file /nonexistent/core.yaml does not exist");
        assertThatThrownBy(() -> YamlConfig.parse("a: [", Path.of("."), "CORE", Map.of(), "core.yaml"))
                .hasMessageContaining("core.yaml is not valid YAML");
    }
}
