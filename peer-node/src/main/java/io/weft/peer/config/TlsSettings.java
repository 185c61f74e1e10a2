package io.weft.peer.config;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.weft.msp.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * TLS material of a server or client as Fabric's config names it: certificate, private key, root CAs, and for mutual
 * TLS whether client certificates are required and which CAs sign them.
 */
public record TlsSettings(
        boolean enabled,
        Optional<Path> certificate,
        Optional<Path> privateKey,
        List<Path> rootCas,
        boolean clientAuthRequired,
        List<Path> clientRootCas) {

    public static final TlsSettings DISABLED =
            new TlsSettings(false, Optional.empty(), Optional.empty(), List.of(), false, List.of());

    public TlsSettings {
        rootCas = List.copyOf(rootCas);
        clientRootCas = List.copyOf(clientRootCas);
    }

    /** Checks that the files a TLS server needs are there; problems name {@code keyPrefix}'s keys. */
    public void checkServer(String keyPrefix, YamlConfig config) {
        checkServer(
                config,
                keyPrefix + ".Certificate",
                keyPrefix + ".PrivateKey",
                keyPrefix + ".ClientAuthRequired",
                keyPrefix + ".ClientRootCAs");
    }

    /** Like {@link #checkServer(String, YamlConfig)} with core.yaml's key names. */
    public void checkCoreServer(String keyPrefix, YamlConfig config) {
        checkServer(
                config,
                keyPrefix + ".cert.file",
                keyPrefix + ".key.file",
                keyPrefix + ".clientAuthRequired",
                keyPrefix + ".clientRootCAs.files");
    }

    private void checkServer(
            YamlConfig config, String certKey, String keyKey, String clientAuthKey, String clientCasKey) {
        if (!enabled) {
            return;
        }
        requireFile(config, certKey, certificate);
        requireFile(config, keyKey, privateKey);
        if (clientAuthRequired && clientRootCas.isEmpty() && rootCas.isEmpty()) {
            config.problem(clientAuthKey + " is true but no client root CAs are configured (" + clientCasKey + ")");
        }
        for (Path ca : clientRootCas) {
            requireFile(config, clientCasKey, Optional.of(ca));
        }
    }

    private static void requireFile(YamlConfig config, String key, Optional<Path> file) {
        if (file.isEmpty()) {
            config.problem(key + " must be set when TLS is enabled");
        } else if (!Files.isRegularFile(file.get())) {
            config.problem(key + ": file " + file.get() + " does not exist");
        }
    }

    /** A Netty server context for gRPC (HTTP/2 ALPN), with client authentication as configured. */
    public SslContext nettyServerContext() {
        try {
            SslContextBuilder builder = GrpcSslContexts.forServer(
                    certificate.orElseThrow().toFile(), privateKey.orElseThrow().toFile());
            List<X509Certificate> clientCas = readCertificates(clientRootCas.isEmpty() ? rootCas : clientRootCas);
            if (clientAuthRequired) {
                builder.trustManager(clientCas.toArray(new X509Certificate[0])).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot set up TLS with " + certificate.orElse(null) + ": " + e.getMessage());
        }
    }

    /** A JDK context (for the HTTPS admin and operations servers, and for HTTPS clients). */
    public SSLContext jdkContext(boolean server) {
        try {
            KeyManagerFactory keys = null;
            if (certificate.isPresent() && privateKey.isPresent()) {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                List<X509Certificate> chain = readCertificates(List.of(certificate.get()));
                keyStore.setKeyEntry(
                        "key", readPrivateKey(privateKey.get()), new char[0], chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore, new char[0]);
            }
            List<Path> trusted = server ? (clientRootCas.isEmpty() ? rootCas : clientRootCas) : rootCas;
            TrustManagerFactory trust = null;
            if (!trusted.isEmpty()) {
                KeyStore trustStore = KeyStore.getInstance("PKCS12");
                trustStore.load(null, null);
                int i = 0;
                for (X509Certificate ca : readCertificates(trusted)) {
                    trustStore.setCertificateEntry("ca" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(),
                    trust == null ? null : trust.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot set up TLS with " + certificate.orElse(null) + ": " + e.getMessage());
        }
    }

    static List<X509Certificate> readCertificates(List<Path> files) throws IOException {
        List<X509Certificate> result = new ArrayList<>();
        for (Path file : files) {
            for (Pem.Block block : Pem.decodeAll(Files.readAllBytes(file))) {
                if (block.type().equals("CERTIFICATE")) {
                    try {
                        result.add((X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(block.der())));
                    } catch (GeneralSecurityException e) {
                        throw new IOException(file + " holds a certificate that does not parse: " + e.getMessage(), e);
                    }
                }
            }
        }
        return result;
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            Object parsed = parser.readObject();
            PrivateKeyInfo info =
                    parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) parsed;
            if (info == null) {
                throw new IOException(file + " holds no private key");
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (ClassCastException e) {
            throw new IOException(file + " holds no PKCS#8 or EC private key", e);
        }
    }

    /**
     * Reads core.yaml's TLS keys: {@code <prefix>.enabled, cert.file, key.file, rootcert.file, clientAuthRequired,
     * clientRootCAs.files}.
     */
    public static TlsSettings readCore(YamlConfig config, String prefix) {
        List<Path> roots = config.path(prefix + ".rootcert.file").map(List::of).orElse(List.of());
        return new TlsSettings(
                config.bool(prefix + ".enabled", false),
                config.path(prefix + ".cert.file"),
                config.path(prefix + ".key.file"),
                roots,
                config.bool(prefix + ".clientAuthRequired", false),
                config.paths(prefix + ".clientRootCAs.files"));
    }

    /** Reads {@code <prefix>.Enabled/Certificate/PrivateKey/RootCAs/ClientAuthRequired/ClientRootCAs}. */
    public static TlsSettings read(YamlConfig config, String prefix) {
        return new TlsSettings(
                config.bool(prefix + ".Enabled", false),
                config.path(prefix + ".Certificate"),
                config.path(prefix + ".PrivateKey"),
                config.paths(prefix + ".RootCAs"),
                config.bool(prefix + ".ClientAuthRequired", false),
                config.paths(prefix + ".ClientRootCAs"));
    }
}
