package io.weft.msp;

import io.weft.msp.internal.cryptogen.CryptoConfigParser;
import io.weft.msp.internal.cryptogen.OrgPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The input of {@code cryptogen}: Fabric's {@code crypto-config.yaml} as typed records. Keys and defaults are
 * Fabric's; values are kept as written (templates are rendered when material is generated), but {@link #parse}
 * renders every template once so that a bad one is reported before anything is written.
 *
 * @param ordererOrgs {@code OrdererOrgs}
 * @param peerOrgs {@code PeerOrgs}
 */
public record CryptoConfig(List<Org> ordererOrgs, List<Org> peerOrgs) {
    /** The most nodes or users one template or one org may ask for. */
    public static final int MAX_COUNT = 10_000;

    public CryptoConfig {
        ordererOrgs = List.copyOf(ordererOrgs);
        peerOrgs = List.copyOf(peerOrgs);
    }

    /**
     * One organization.
     *
     * @param name {@code Name}, required (Fabric's own tool does not use it; Weft requires it so configs stay readable)
     * @param domain {@code Domain}, required: names the org's folder and is the O of its CAs
     * @param enableNodeOus {@code EnableNodeOUs}
     * @param ca {@code CA}: the spec of the org's CAs (hostname {@code ca} unless set)
     * @param template {@code Template}: nodes named from a template
     * @param specs {@code Specs}: nodes named one by one
     * @param users {@code Users}: how many users besides {@code Admin} (peer orgs only, as in Fabric)
     */
    public record Org(
            String name,
            String domain,
            boolean enableNodeOus,
            NodeSpec ca,
            NodeTemplate template,
            List<NodeSpec> specs,
            UsersSpec users) {
        public Org {
            specs = List.copyOf(specs);
        }
    }

    /**
     * A node (or the CA) named explicitly. Empty strings mean "not set".
     *
     * @param commonName a template over {@code .Hostname} and {@code .Domain}; default
     *     {@code {{.Hostname}}.{{.Domain}}}
     * @param sans extra subject alternative names for the TLS certificate, templates over {@code .Hostname},
     *     {@code .Domain} and {@code .CommonName}; IP addresses become IP SANs
     */
    public record NodeSpec(
            String hostname,
            String commonName,
            String country,
            String province,
            String locality,
            String organizationalUnit,
            String streetAddress,
            String postalCode,
            List<String> sans) {
        public NodeSpec {
            sans = List.copyOf(sans);
        }

        /** A spec with only a hostname. */
        public static NodeSpec ofHostname(String hostname) {
            return new NodeSpec(hostname, "", "", "", "", "", "", "", List.of());
        }

        /** Nothing set: the CA spec of an org that has no {@code CA} section. */
        public static NodeSpec empty() {
            return ofHostname("");
        }
    }

    /**
     * {@code Count} nodes named by {@code Hostname}, a template over {@code .Prefix} ({@code peer} or {@code orderer}),
     * {@code .Index} (from {@code Start}) and {@code .Domain}; default {@code {{.Prefix}}{{.Index}}}.
     */
    public record NodeTemplate(int count, int start, String hostname, List<String> sans) {
        public NodeTemplate {
            sans = List.copyOf(sans);
        }

        public static NodeTemplate none() {
            return new NodeTemplate(0, 0, "", List.of());
        }
    }

    /** {@code Count} users {@code User1@domain} ... besides {@code Admin@domain}. */
    public record UsersSpec(int count) {}

    /**
     * Parses and validates {@code crypto-config.yaml} text.
     *
     * @param source where the text came from, for messages
     * @throws MspException naming the key that is missing, unknown or wrong
     */
    public static CryptoConfig parse(String yaml, String source) {
        CryptoConfig config = CryptoConfigParser.parse(yaml, source);
        try {
            for (Org org : config.ordererOrgs()) {
                OrgPlan.of(org, OrgPlan.Kind.ORDERER);
            }
            for (Org org : config.peerOrgs()) {
                OrgPlan.of(org, OrgPlan.Kind.PEER);
            }
        } catch (MspException e) {
            throw new MspException("crypto config " + source + ": " + e.getMessage(), e);
        }
        return config;
    }

    /**
     * Reads, parses and validates a {@code crypto-config.yaml} file.
     *
     * @throws MspException when the file cannot be read or is not a valid crypto config
     */
    public static CryptoConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MspException("crypto config " + file + " does not exist", e);
        } catch (IOException e) {
            throw new MspException("cannot read crypto config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** A commented sample config: what {@code cryptogen showtemplate} prints and {@code generate} uses by default. */
    public static String sampleYaml() {
        try (InputStream in = CryptoConfig.class.getResourceAsStream("crypto-config-sample.yaml")) {
            if (in == null) {
                throw new MspException("crypto-config-sample.yaml is missing from the weft-msp jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MspException("cannot read crypto-config-sample.yaml: " + e.getMessage(), e);
        }
    }

    /** The sample config, parsed. */
    public static CryptoConfig sample() {
        return parse(sampleYaml(), "the sample crypto config");
    }
}
