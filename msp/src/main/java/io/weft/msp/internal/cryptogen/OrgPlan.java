package io.weft.msp.internal.cryptogen;

import io.weft.msp.CryptoConfig.NodeSpec;
import io.weft.msp.CryptoConfig.NodeTemplate;
import io.weft.msp.CryptoConfig.Org;
import io.weft.msp.MspException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One organization of a crypto config with every template rendered, as Fabric's cryptogen renders it: template nodes
 * are appended after the explicit specs; each node's common name defaults to <code>{{.Hostname}}.{{.Domain}}</code>;
 * its TLS names are the common name, the hostname, then the rendered {@code SANS}; the CA's hostname defaults to
 * {@code ca}; users are {@code User1@domain} ... then {@code Admin@domain} (orderer orgs get only the admin).
 *
 * @param ca the CA spec, its {@code commonName} rendered
 * @param users common names of the users, the admin last
 */
public record OrgPlan(Kind kind, String domain, boolean nodeOus, NodeSpec ca, List<Node> nodes, List<String> users) {
    static final String DEFAULT_HOSTNAME = "{{.Prefix}}{{.Index}}";
    static final String DEFAULT_COMMON_NAME = "{{.Hostname}}.{{.Domain}}";

    public OrgPlan {
        nodes = List.copyOf(nodes);
        users = List.copyOf(users);
    }

    /** Peer or orderer organization: the folder names and the node prefix. */
    public enum Kind {
        PEER("peer", "peerOrganizations", "peers"),
        ORDERER("orderer", "ordererOrganizations", "orderers");

        final String prefix;
        final String orgsFolder;
        final String nodesFolder;

        Kind(String prefix, String orgsFolder, String nodesFolder) {
            this.prefix = prefix;
            this.orgsFolder = orgsFolder;
            this.nodesFolder = nodesFolder;
        }
    }

    /** A node with its rendered names; {@code sans} holds every TLS subject alternative name in order. */
    public record Node(String hostname, String commonName, List<String> sans) {
        public Node {
            sans = List.copyOf(sans);
        }
    }

    /** The common name of the org's admin user. */
    public String adminName() {
        return "Admin@" + domain;
    }

    /**
     * Renders an org.
     *
     * @throws MspException naming the org and the template that does not render
     */
    public static OrgPlan of(Org org, Kind kind) {
        String where = "org " + org.name() + " (" + org.domain() + ")";
        String domain = folderName(org.domain(), where + " Domain");
        List<NodeSpec> specs = new ArrayList<>(org.specs());
        NodeTemplate template = org.template();
        String hostnameTemplate = template.hostname().isEmpty() ? DEFAULT_HOSTNAME : template.hostname();
        for (int i = 0; i < template.count(); i++) {
            String hostname = NameTemplate.render(
                    hostnameTemplate,
                    Map.of("Prefix", kind.prefix, "Index", Integer.toString(template.start() + i), "Domain", domain),
                    where + " Template.Hostname");
            specs.add(new NodeSpec(hostname, "", "", "", "", "", "", "", template.sans()));
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec spec : specs) {
            Node node = render(spec, domain, where);
            folderName(node.commonName(), where + " node common name");
            nodes.add(node);
        }
        NodeSpec caSpec = org.ca();
        String caHostname = caSpec.hostname().isEmpty() ? "ca" : caSpec.hostname();
        Node caNode = render(
                new NodeSpec(caHostname, caSpec.commonName(), "", "", "", "", "", "", caSpec.sans()), domain, where);
        String caName = folderName(caNode.commonName(), where + " CA common name");
        NodeSpec ca = new NodeSpec(
                caHostname,
                caName,
                caSpec.country(),
                caSpec.province(),
                caSpec.locality(),
                caSpec.organizationalUnit(),
                caSpec.streetAddress(),
                caSpec.postalCode(),
                caNode.sans());
        return new OrgPlan(kind, domain, org.enableNodeOus(), ca, nodes, users(kind, org, domain));
    }

    private static Node render(NodeSpec spec, String domain, String where) {
        String commonNameTemplate = spec.commonName().isEmpty() ? DEFAULT_COMMON_NAME : spec.commonName();
        String commonName = NameTemplate.render(
                commonNameTemplate,
                Map.of("Hostname", spec.hostname(), "Domain", domain, "CommonName", ""),
                where + " CommonName");
        Map<String, String> fields = Map.of("Hostname", spec.hostname(), "Domain", domain, "CommonName", commonName);
        List<String> sans = new ArrayList<>();
        sans.add(commonName);
        sans.add(spec.hostname());
        for (String san : spec.sans()) {
            sans.add(NameTemplate.render(san, fields, where + " SANS"));
        }
        return new Node(spec.hostname(), commonName, sans);
    }

    private static List<String> users(Kind kind, Org org, String domain) {
        List<String> users = new ArrayList<>();
        if (kind == Kind.PEER) {
            for (int i = 1; i <= org.users().count(); i++) {
                users.add("User" + i + "@" + domain);
            }
        }
        users.add("Admin@" + domain);
        return users;
    }

    /** Domains and common names become folder names: refuse what would escape or break the tree. */
    private static String folderName(String name, String what) {
        if (name.isBlank()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            throw new MspException(what + " '" + name + "' cannot be used as a folder name");
        }
        return name;
    }
}
