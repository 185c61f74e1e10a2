package io.weft.msp;

import io.weft.msp.internal.X509Msp;
import java.security.cert.X509Certificate;
import java.util.List;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;

/** One organization's membership service provider: its CAs, admins, CRLs and NodeOU rules. */
public interface Msp extends IdentityDeserializer {
    String mspId();

    /** The configuration this MSP was built from (as it appears in channel config). */
    FabricMSPConfig config();

    /** Validates a certificate as an identity of this MSP and returns it with the given serialized form. */
    Identity identityOf(X509Certificate certificate);

    List<X509Certificate> rootCertificates();

    List<X509Certificate> intermediateCertificates();

    List<X509Certificate> tlsRootCertificates();

    List<X509Certificate> tlsIntermediateCertificates();

    /**
     * Builds an MSP from Fabric's {@code FabricMSPConfig}, as carried in channel config or read from a folder.
     *
     * @throws MspException naming the MSP and what in the config is wrong
     */
    static Msp fromConfig(FabricMSPConfig config, CryptoProvider crypto) {
        return X509Msp.create(config, crypto);
    }
}
