package io.weft.msp;

import io.weft.msp.internal.cryptogen.OrgGenerator;
import io.weft.msp.internal.cryptogen.OrgPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's {@code cryptogen generate}: for each org of a {@link CryptoConfig}, a signing CA and a TLS CA, the org's
 * verifying MSP, and an MSP folder plus TLS key pair for every node and user, in Fabric's folder layout and with
 * certificates shaped as Fabric's tool shapes them:
 *
 * <pre>
 * peerOrganizations/&lt;domain&gt;/ (ordererOrganizations/&lt;domain&gt;/ for orderer orgs)
 *   ca/     ca.&lt;domain&gt;-cert.pem, priv_sk
 *   tlsca/  tlsca.&lt;domain&gt;-cert.pem, priv_sk
 *   msp/    admincerts/ cacerts/ tlscacerts/ [config.yaml]
 *   peers/&lt;node&gt;/ (orderers/&lt;node&gt;/)  msp/ tls/{ca.crt, server.crt, server.key}
 *   users/Admin@&lt;domain&gt;/, users/User&lt;N&gt;@&lt;domain&gt;/  msp/ tls/{ca.crt, client.crt, client.key}
 * </pre>
 *
 * <p>Peer orgs are generated before orderer orgs, as Fabric does. Every template of every org is rendered before
 * anything is written, so a bad config leaves the output folder untouched.
 */
public final class CryptoMaterialGenerator {
    private final OrgGenerator orgs;

    /**
     * @param crypto makes the keys and signs the certificates
     * @param clock gives the certificates' validity (from now, rounded to the minute, less 5 minutes, for 10 years)
     */
    public CryptoMaterialGenerator(CryptoProvider crypto, Clock clock) {
        this.orgs = new OrgGenerator(crypto, clock);
    }

    /**
     * Writes the material of every org under {@code outputDir}, creating it if needed. An org folder that exists has
     * its CAs and org MSP replaced while its existing node and user folders are kept, exactly as Fabric's tool does.
     *
     * @return each org's folder, in the order generated
     * @throws MspException when the config does not render or a file cannot be written
     */
    public List<Path> generate(CryptoConfig config, Path outputDir) {
        List<OrgPlan> plans = new ArrayList<>();
        for (CryptoConfig.Org org : config.peerOrgs()) {
            plans.add(OrgPlan.of(org, OrgPlan.Kind.PEER));
        }
        for (CryptoConfig.Org org : config.ordererOrgs()) {
            plans.add(OrgPlan.of(org, OrgPlan.Kind.ORDERER));
        }
        List<Path> generated = new ArrayList<>();
        for (OrgPlan plan : plans) {
            orgs.generate(plan, outputDir);
            generated.add(OrgGenerator.orgDir(outputDir, plan));
        }
        return generated;
    }
}
