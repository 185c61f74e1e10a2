package io.weft.peer.chaincode;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.weft.msp.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS client context with which the peer dials a chaincode server, from the PEM text of its {@code
 * connection.json}: trust only {@code root_cert}, and present {@code client_cert}/{@code client_key} when client
 * authentication is required. Keys may be PKCS#8 ({@code PRIVATE KEY}, also under Fabric's {@code EC PRIVATE KEY}
 * label), SEC 1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}), as Go's {@code tls.X509KeyPair} takes
 * them.
 */
final class ChaincodeServerTls {
    private ChaincodeServerTls() {}

    /** Parses the PEM text (at install time) so a bad {@code connection.json} is refused before it is used. */
    static void check(ConnectionInfo.Tls tls) {
        var unused = clientContext(tls);
    }

    static SslContext clientContext(ConnectionInfo.Tls tls) {
        List<X509Certificate> roots = certificates(tls.rootCertificatePem(), "root_cert");
        SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(roots);
        if (tls.clientAuthentication()) {
            List<X509Certificate> chain = certificates(tls.clientCertificatePem(), "client_cert");
            builder.keyManager(privateKey(tls.clientKeyPem()), chain);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ChaincodeException(
                    "connection.json: cannot set up TLS to the chaincode server: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(String pem, String field) {
        List<X509Certificate> result = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem.Block block : Pem.decodeAll(pem.getBytes(StandardCharsets.US_ASCII))) {
                if (block.type().equals("CERTIFICATE")) {
                    result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ChaincodeException(
                    "connection.json: " + field + " holds a certificate that does not parse: " + e.getMessage(), e);
        }
        if (result.isEmpty()) {
            throw new ChaincodeException("connection.json: " + field + " holds no PEM CERTIFICATE");
        }
        return result;
    }

    private static PrivateKey privateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            // Fabric's tlsgen writes PKCS#8 under an "EC PRIVATE KEY" label, which the parser reads as SEC 1
        }
        try {
            Pem.Block block = Pem.decodeFirst(pem.getBytes(StandardCharsets.US_ASCII));
            return converter.getPrivateKey(PrivateKeyInfo.getInstance(block.der()));
        } catch (IOException | RuntimeException e) {
            throw new ChaincodeException(
                    "connection.json: client_key holds no PKCS#8, EC or RSA private key in PEM: " + e.getMessage(), e);
        }
    }
}
