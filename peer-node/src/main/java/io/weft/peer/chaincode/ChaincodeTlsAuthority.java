package io.weft.peer.chaincode;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.weft.msp.CertificateAuthority;
import io.weft.msp.CertificateRequest;
import io.weft.msp.CryptoProvider;
import io.weft.msp.Pem;
import io.weft.msp.Subject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The private PKI of the chaincode stream, as Fabric's peer has it (its {@code tlsgen} CA and chaincode {@code
 * accesscontrol}): when {@code peer.tls.enabled}, the peer creates at start an ECDSA P-256 CA that lives only in
 * memory. The chaincode listener serves a certificate this CA issues for the host chaincodes dial, requires a client
 * certificate and trusts only this CA. Every launch of a chaincode gets a fresh client key pair and certificate
 * ({@link #issue}), and the SHA-256 of that certificate is bound to the chaincode's id: a REGISTER on a TLS stream is
 * accepted only for the chaincode the stream's client certificate was issued to ({@link #authenticate}). The binding
 * is forgotten when the launch ends ({@link #forget}); the key pairs are never written by the peer except into the
 * launched chaincode's files.
 */
public final class ChaincodeTlsAuthority {
    private static final Context.Key<byte[]> CLIENT_CERTIFICATE_SHA256 =
            Context.key("weft-chaincode-client-certificate-sha256");
    /** Fabric's tlsgen: certificates are valid from a day back, the CA and server certificates for ten years. */
    private static final Duration BACKDATE = Duration.ofHours(24);

    private static final Duration LONG_VALIDITY = Duration.ofDays(3650);
    private static final Duration CLIENT_VALIDITY = Duration.ofHours(24);
    private static final int KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;

    private final CryptoProvider crypto;
    private final Clock clock;
    private final CertificateAuthority ca;
    private final String caCertificatePem;
    private final Map<String, String> chaincodeByCertificateHash = new ConcurrentHashMap<>();

    private ChaincodeTlsAuthority(CryptoProvider crypto, Clock clock, CertificateAuthority ca) {
        this.crypto = crypto;
        this.clock = clock;
        this.ca = ca;
        this.caCertificatePem = Pem.encodeCertificate(ca.certificate());
    }

    /** A new self-signed CA with a fresh key (generating the key is the only work done). */
    public static ChaincodeTlsAuthority create(CryptoProvider crypto, Clock clock) {
        Instant now = clock.instant();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                crypto, Subject.of("Weft", "Weft chaincode TLS CA"), now.minus(BACKDATE), now.plus(LONG_VALIDITY));
        return new ChaincodeTlsAuthority(crypto, clock, ca);
    }

    /** The CA certificate (PEM), what a chaincode receives as {@code peer.crt}. */
    public String rootCertificatePem() {
        return caCertificatePem;
    }

    /**
     * The chaincode listener's TLS context: a new server certificate from this CA with {@code host} (a DNS name or an
     * IP address: the host of {@code peer.chaincodeAddress}) as subject alternative name, client certificates
     * required and trusted only when this CA issued them.
     */
    public SslContext serverContext(String host) {
        Instant now = clock.instant();
        KeyPair keyPair = CertificateAuthority.generateKeyPair(crypto);
        X509Certificate certificate = ca.issue(new CertificateRequest(
                Subject.of("Weft", host),
                keyPair.getPublic(),
                now.minus(BACKDATE),
                now.plus(LONG_VALIDITY),
                false,
                KEY_USAGE,
                List.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth),
                List.of(host)));
        try {
            return GrpcSslContexts.forServer(
                            pemStream(Pem.encodeCertificate(certificate)),
                            pemStream(Pem.encodePrivateKey(keyPair.getPrivate())))
                    .trustManager(ca.certificate())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ChaincodeException("cannot set up TLS on the chaincode listener: " + e.getMessage(), e);
        }
    }

    /**
     * The service with what {@link #authenticate} needs: the SHA-256 of the client certificate of each TLS stream,
     * taken from the TLS session and kept in the call's context.
     */
    public ServerServiceDefinition authenticated(BindableService service) {
        return ServerInterceptors.intercept(service, new ClientCertificateInterceptor());
    }

    /**
     * A fresh client key pair and certificate for one launch of {@code chaincodeId}, bound to that id until {@link
     * #forget}.
     */
    ChaincodeTlsFiles issue(String chaincodeId) {
        Instant now = clock.instant();
        KeyPair keyPair = CertificateAuthority.generateKeyPair(crypto);
        X509Certificate certificate = ca.issue(new CertificateRequest(
                Subject.of("Weft", "chaincode"),
                keyPair.getPublic(),
                now.minus(BACKDATE),
                now.plus(CLIENT_VALIDITY),
                false,
                KEY_USAGE,
                List.of(KeyPurposeId.id_kp_clientAuth),
                List.of()));
        chaincodeByCertificateHash.put(hex(sha256(der(certificate))), chaincodeId);
        return new ChaincodeTlsFiles(
                Pem.encodePrivateKey(keyPair.getPrivate()), Pem.encodeCertificate(certificate), caCertificatePem);
    }

    /** Ends the binding of an issued certificate (its launch is over: the chaincode registered, or never will). */
    void forget(ChaincodeTlsFiles files) {
        Pem.Block block = Pem.decodeFirst(files.clientCertificatePem().getBytes(StandardCharsets.US_ASCII));
        chaincodeByCertificateHash.remove(hex(sha256(block.der())));
    }

    /** How many issued certificates are bound (launches in progress). */
    int bound() {
        return chaincodeByCertificateHash.size();
    }

    /**
     * Fabric's check of a REGISTER on a TLS stream: the client certificate must be one this peer issued, to the
     * chaincode that registers.
     *
     * @param certificateSha256 SHA-256 of the stream's client certificate, null when it has none
     * @throws ChaincodeException naming the chaincode and the certificate hash when the registration is refused
     */
    void authenticate(String chaincodeId, byte[] certificateSha256) {
        if (certificateSha256 == null) {
            throw new ChaincodeException("TLS is active but chaincode " + chaincodeId + " didn't send certificate");
        }
        String hash = hex(certificateSha256);
        String issuedTo = chaincodeByCertificateHash.get(hash);
        if (issuedTo == null) {
            throw new ChaincodeException("chaincode " + chaincodeId + " with given certificate hash " + hash
                    + " not found in registry (certificates are valid for the launch they were issued for)");
        }
        if (!issuedTo.equals(chaincodeId)) {
            throw new ChaincodeException("chaincode " + chaincodeId + " with given certificate hash " + hash
                    + " belongs to a different chaincode");
        }
    }

    /** The SHA-256 of the client certificate of the current call's TLS session, or null. */
    static byte[] currentClientCertificateHash() {
        return CLIENT_CERTIFICATE_SHA256.get();
    }

    private static final class ClientCertificateInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            byte[] hash = clientCertificateHash(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
            if (hash == null) {
                return next.startCall(call, headers);
            }
            return Contexts.interceptCall(
                    Context.current().withValue(CLIENT_CERTIFICATE_SHA256, hash), call, headers, next);
        }

        private static byte[] clientCertificateHash(SSLSession session) {
            if (session == null) {
                return null;
            }
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length == 0 ? null : sha256(chain[0].getEncoded());
            } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
                return null;
            }
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new ChaincodeException("cannot encode a chaincode client certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static ByteArrayInputStream pemStream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
