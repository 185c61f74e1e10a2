package io.weft.msp.internal.configtx;

import io.weft.msp.ChannelConfig;
import io.weft.msp.ConfigtxProfile;
import io.weft.msp.ConfigtxProfile.Application;
import io.weft.msp.ConfigtxProfile.Organization;
import io.weft.msp.ConfigtxProfile.PolicySpec;
import io.weft.msp.MspException;
import io.weft.msp.PolicyDsl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Fabric's {@code configtx.yaml}. Key names are Fabric's, matched exactly; unknown keys are errors, as with
 * Fabric's strict decoder. Only the profile asked for (and the top-level {@code Organizations}, for
 * {@code -printOrg}) is validated, so that a broken profile does not stop the others from being used.
 */
public final class ConfigtxParser {
    private static final Set<String> ROOT_KEYS =
            Set.of("Organizations", "Capabilities", "Application", "Orderer", "Channel", "Profiles");
    private static final Set<String> PROFILE_KEYS =
            Set.of("Consortium", "Application", "Orderer", "Consortiums", "Capabilities", "Policies");
    private static final Set<String> ORG_KEYS = Set.of(
            "Name",
            "ID",
            "MSPDir",
            "MSPType",
            "Policies",
            "AnchorPeers",
            "OrdererEndpoints",
            "AdminPrincipal",
            "SkipAsForeign");
    private static final Set<String> APPLICATION_KEYS = Set.of("Organizations", "Capabilities", "Policies", "ACLs");
    private static final Set<String> POLICY_KEYS = Set.of("Type", "Rule");
    private static final Set<String> ANCHOR_KEYS = Set.of("Host", "Port");
    private static final Set<String> BASIC_POLICIES = Set.of("Readers", "Writers", "Admins");

    private final YamlReader yaml;
    private final Map<String, Object> root;
    private final Path baseDir;

    private ConfigtxParser(YamlReader yaml, Map<String, Object> root, Path baseDir) {
        this.yaml = yaml;
        this.root = root;
        this.baseDir = baseDir;
    }

    /**
     * Loads the document; profiles are read on demand.
     *
     * @param baseDir the folder relative paths are resolved against (the folder of the file)
     * @throws MspException when the text is not YAML or has unknown top-level keys
     */
    public static ConfigtxParser load(String text, Path baseDir, String source) {
        YamlReader yaml = new YamlReader(source);
        Object document = yaml.load(text);
        if (document == null) {
            throw yaml.error("is empty; expected Organizations and Profiles");
        }
        Map<String, Object> root = yaml.mapping(document, "the document");
        yaml.checkKeys(root, ROOT_KEYS, "");
        return new ConfigtxParser(yaml, root, baseDir);
    }

    public Set<String> profileNames() {
        return new TreeSet<>(yaml.mapping(root.get("Profiles"), "Profiles").keySet());
    }

    /**
     * Reads and validates one profile.
     *
     * @throws MspException naming the profile and key that are missing or wrong
     */
    public ConfigtxProfile profile(String name) {
        Map<String, Object> profiles = yaml.mapping(root.get("Profiles"), "Profiles");
        if (!profiles.containsKey(name)) {
            throw yaml.error("has no profile '" + name + "'; profiles: " + String.join(", ", profileNames()));
        }
        String path = "Profiles." + name;
        Map<String, Object> profile = yaml.mapping(profiles.get(name), path);
        yaml.checkKeys(profile, PROFILE_KEYS, path);
        for (String legacy : List.of("Consortium", "Consortiums")) {
            if (profile.containsKey(legacy)) {
                throw yaml.error(path + "." + legacy + " belongs to the system channel, which Weft does not support;"
                        + " an application channel profile has Orderer and Application sections only");
            }
        }
        return new ConfigtxProfile(
                name,
                policies(profile.get("Policies"), path + ".Policies", BASIC_POLICIES),
                capabilities(profile.get("Capabilities"), path + ".Capabilities"),
                profile.containsKey("Orderer")
                        ? Optional.of(
                                new OrdererSectionParser(yaml, this).orderer(profile.get("Orderer"), path + ".Orderer"))
                        : Optional.empty(),
                profile.containsKey("Application")
                        ? Optional.of(application(profile.get("Application"), path + ".Application"))
                        : Optional.empty());
    }

    /**
     * Reads one entry of the top-level {@code Organizations} by its {@code Name}.
     *
     * @throws MspException when there is no such organization or it is wrong
     */
    public Organization organization(String name) {
        List<?> orgs = yaml.sequence(root.get("Organizations"), "Organizations");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            String path = "Organizations[" + i + "]";
            String orgName = yaml.string(yaml.mapping(orgs.get(i), path), "Name", path);
            if (orgName.equals(name)) {
                return organization(orgs.get(i), path);
            }
            names.add(orgName);
        }
        throw yaml.error(
                "has no organization named '" + name + "' under Organizations; names: " + String.join(", ", names));
    }

    private Application application(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, APPLICATION_KEYS, path);
        Map<String, String> acls = new LinkedHashMap<>();
        yaml.mapping(map.get("ACLs"), path + ".ACLs").forEach((resource, ref) -> {
            if (!(ref instanceof String policyRef) || policyRef.isBlank()) {
                throw yaml.error(path + ".ACLs." + resource
                        + " must be a policy reference such as /Channel/Application/Readers");
            }
            acls.put(resource, policyRef);
        });
        return new Application(
                organizations(map.get("Organizations"), path + ".Organizations"),
                policies(map.get("Policies"), path + ".Policies", BASIC_POLICIES),
                capabilities(map.get("Capabilities"), path + ".Capabilities"),
                java.util.Collections.unmodifiableMap(acls));
    }

    List<Organization> organizations(Object value, String path) {
        List<Organization> orgs = new ArrayList<>();
        List<?> list = yaml.sequence(value, path);
        for (int i = 0; i < list.size(); i++) {
            orgs.add(organization(list.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(orgs);
    }

    private Organization organization(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, ORG_KEYS, path);
        String name = yaml.requiredString(map, "Name", path);
        if (yaml.bool(map.get("SkipAsForeign"), path + ".SkipAsForeign")) {
            throw yaml.error(path + ".SkipAsForeign is true; a genesis block needs every org's MSP folder");
        }
        String mspType = yaml.string(map, "MSPType", path);
        if (!mspType.isEmpty() && !mspType.equals("bccsp")) {
            throw yaml.error(path + ".MSPType is '" + mspType + "'; Weft supports bccsp (X.509) MSPs only");
        }
        List<ChannelConfig.HostPort> anchors = new ArrayList<>();
        List<?> anchorList = yaml.sequence(map.get("AnchorPeers"), path + ".AnchorPeers");
        for (int i = 0; i < anchorList.size(); i++) {
            String anchorPath = path + ".AnchorPeers[" + i + "]";
            Map<String, Object> anchor = yaml.mapping(anchorList.get(i), anchorPath);
            yaml.checkKeys(anchor, ANCHOR_KEYS, anchorPath);
            anchors.add(new ChannelConfig.HostPort(
                    yaml.requiredString(anchor, "Host", anchorPath), port(anchor.get("Port"), anchorPath + ".Port")));
        }
        return new Organization(
                name,
                yaml.requiredString(map, "ID", path),
                resolve(yaml.requiredString(map, "MSPDir", path)),
                policies(map.get("Policies"), path + ".Policies", BASIC_POLICIES),
                List.copyOf(yaml.strings(map.get("OrdererEndpoints"), path + ".OrdererEndpoints")),
                List.copyOf(anchors));
    }

    /**
     * Reads a {@code Policies} mapping; each policy's rule must parse.
     *
     * @param required policy names that must be present (Fabric's encoder refuses a group without them)
     */
    Map<String, PolicySpec> policies(Object value, String path, Set<String> required) {
        Map<String, Object> map = yaml.mapping(value, path);
        for (String name : new TreeSet<>(required)) {
            if (!map.containsKey(name)) {
                throw yaml.error(path + " has no " + name + " policy; every group needs "
                        + String.join(", ", new TreeSet<>(required)));
            }
        }
        Map<String, PolicySpec> policies = new LinkedHashMap<>();
        map.forEach((name, policyValue) -> policies.put(name, policy(policyValue, path + "." + name)));
        return java.util.Collections.unmodifiableMap(policies);
    }

    private PolicySpec policy(Object value, String path) {
        Map<String, Object> map = yaml.mapping(value, path);
        yaml.checkKeys(map, POLICY_KEYS, path);
        String type = yaml.requiredString(map, "Type", path);
        String rule = yaml.requiredString(map, "Rule", path);
        try {
            switch (type) {
                case "Signature" -> {
                    PolicyDsl.parse(rule);
                    return new PolicySpec(PolicySpec.Type.SIGNATURE, rule);
                }
                case "ImplicitMeta" -> {
                    ImplicitMetaRule.parse(rule);
                    return new PolicySpec(PolicySpec.Type.IMPLICIT_META, rule);
                }
                default -> throw yaml.error(path + ".Type is '" + type + "'; expected Signature or ImplicitMeta");
            }
        } catch (IllegalArgumentException e) {
            throw yaml.error(path + ".Rule '" + rule + "' is not a valid " + type + " rule: " + e.getMessage());
        } catch (MspException e) {
            if (e.getMessage().startsWith("configtx ")) {
                throw e;
            }
            throw yaml.error(path + ".Rule '" + rule + "' is not a valid " + type + " rule: " + e.getMessage());
        }
    }

    /** The names of the capabilities set to {@code true}, sorted. */
    Set<String> capabilities(Object value, String path) {
        Set<String> enabled = new TreeSet<>();
        yaml.mapping(value, path).forEach((name, flag) -> {
            if (yaml.bool(flag, path + "." + name)) {
                enabled.add(name);
            }
        });
        return java.util.Collections.unmodifiableSet(enabled);
    }

    int port(Object value, String path) {
        long port = yaml.number(value, path, 65_535);
        if (port == 0) {
            throw yaml.error(path + " is missing or 0; expected a port between 1 and 65535");
        }
        return (int) port;
    }

    Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }
}
