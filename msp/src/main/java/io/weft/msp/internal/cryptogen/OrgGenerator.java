package io.weft.msp.internal.cryptogen;

import io.weft.msp.CryptoProvider;
import io.weft.msp.NodeRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates one organization's folder, step by step as Fabric's cryptogen does: the signing CA ({@code ca/}) and TLS CA
 * ({@code tlsca/}), the org MSP, every node, every user, then (NodeOUs off) the admin certificate in the org MSP and in
 * every node MSP.
 *
 * <p>Re-running over an existing folder behaves as Fabric's tool: both CAs and the org MSP are made anew, while node
 * and user folders that exist are kept untouched. Those no longer chain to the new CAs, so a warning says so.
 */
public final class OrgGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(OrgGenerator.class);

    private final CryptoProvider crypto;
    private final Clock clock;
    private final MspWriter writer;

    public OrgGenerator(CryptoProvider crypto, Clock clock) {
        this.crypto = crypto;
        this.clock = clock;
        this.writer = new MspWriter(crypto);
    }

    /** The org's folder under the output folder: {@code peerOrganizations/<domain>} or {@code ordererOrganizations/...}. */
    public static Path orgDir(Path outputDir, OrgPlan plan) {
        return outputDir.resolve(plan.kind().orgsFolder).resolve(plan.domain());
    }

    /** Writes the org's material under {@code outputDir}. */
    public void generate(OrgPlan plan, Path outputDir) {
        Path orgDir = orgDir(outputDir, plan);
        boolean rerun = Files.exists(orgDir);
        if (rerun) {
            LOG.warn(
                    "{} exists: its CAs and org MSP are replaced and existing node and user folders are kept, so those"
                            + " no longer chain to the new CAs; delete the folder to start afresh",
                    orgDir);
        }
        String caName = plan.ca().commonName();
        OrgCa signCa = OrgCa.create(crypto, clock, orgDir.resolve("ca"), plan.domain(), caName, plan.ca());
        OrgCa tlsCa = OrgCa.create(crypto, clock, orgDir.resolve("tlsca"), plan.domain(), "tls" + caName, plan.ca());
        writer.writeVerifying(orgDir.resolve("msp"), signCa, tlsCa, plan.nodeOus());

        Path nodesDir = orgDir.resolve(plan.kind().nodesFolder);
        NodeRole nodeRole = plan.kind() == OrgPlan.Kind.PEER ? NodeRole.PEER : NodeRole.ORDERER;
        for (OrgPlan.Node node : plan.nodes()) {
            writeLocal(nodesDir, node.commonName(), node.sans(), signCa, tlsCa, nodeRole, plan.nodeOus(), rerun);
        }
        Path usersDir = orgDir.resolve("users");
        for (String user : plan.users()) {
            NodeRole role = user.equals(plan.adminName()) && plan.nodeOus() ? NodeRole.ADMIN : NodeRole.CLIENT;
            writeLocal(usersDir, user, List.of(), signCa, tlsCa, role, plan.nodeOus(), rerun);
        }

        if (!plan.nodeOus()) {
            MspWriter.copyAdminCert(usersDir, orgDir.resolve("msp").resolve("admincerts"), plan.adminName());
            for (OrgPlan.Node node : plan.nodes()) {
                MspWriter.copyAdminCert(
                        usersDir,
                        nodesDir.resolve(node.commonName()).resolve("msp").resolve("admincerts"),
                        plan.adminName());
            }
        }
    }

    private void writeLocal(
            Path parent,
            String name,
            List<String> sans,
            OrgCa signCa,
            OrgCa tlsCa,
            NodeRole role,
            boolean nodeOus,
            boolean rerun) {
        Path dir = parent.resolve(name);
        if (Files.exists(dir)) {
            if (rerun) {
                LOG.debug("{} exists and is kept as it is", dir);
            } else {
                LOG.warn("two nodes of the config are named {}; only the first is generated", name);
            }
            return;
        }
        writer.writeLocal(dir, name, sans, signCa, tlsCa, role, nodeOus);
    }
}
