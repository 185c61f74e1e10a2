package io.weft.peer.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The TLS material the peer hands one launch of a chaincode, in the files and variables Fabric uses: the client key
 * and certificate issued for this launch by the peer's {@link ChaincodeTlsAuthority}, twice (base64 of the PEM in
 * {@code client.key}/{@code client.crt}, which the shims read; plain PEM in {@code client_pem.key}/{@code
 * client_pem.crt}), and the authority's certificate in {@code peer.crt}, which the chaincode uses to verify the
 * peer's chaincode listener.
 *
 * @param clientKeyPem PKCS#8 PEM of the client's P-256 private key
 * @param clientCertificatePem PEM of the client certificate (client authentication only, valid for a day either side
 *     of its issue)
 * @param rootCertificatePem PEM of the authority's certificate
 */
public record ChaincodeTlsFiles(String clientKeyPem, String clientCertificatePem, String rootCertificatePem) {
    /** Where Fabric puts the files in a chaincode container. */
    public static final String FABRIC_DIRECTORY = "/etc/hyperledger/fabric";

    static final String CLIENT_KEY = "client.key";
    static final String CLIENT_CERT = "client.crt";
    static final String CLIENT_PEM_KEY = "client_pem.key";
    static final String CLIENT_PEM_CERT = "client_pem.crt";
    static final String ROOT_CERT = "peer.crt";

    public ChaincodeTlsFiles {
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
        Objects.requireNonNull(rootCertificatePem, "rootCertificatePem");
    }

    /** File name to content, for the runtime to write into one directory. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CLIENT_KEY, base64(clientKeyPem));
        files.put(CLIENT_CERT, base64(clientCertificatePem));
        files.put(CLIENT_PEM_KEY, clientKeyPem.getBytes(StandardCharsets.US_ASCII));
        files.put(CLIENT_PEM_CERT, clientCertificatePem.getBytes(StandardCharsets.US_ASCII));
        files.put(ROOT_CERT, rootCertificatePem.getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /**
     * Fabric's TLS variables for a chaincode whose {@link #files()} are in {@code directory}: {@code
     * CORE_PEER_TLS_ENABLED=true}, {@code CORE_TLS_CLIENT_KEY_PATH}, {@code CORE_TLS_CLIENT_CERT_PATH}, {@code
     * CORE_TLS_CLIENT_KEY_FILE}, {@code CORE_TLS_CLIENT_CERT_FILE}, {@code CORE_PEER_TLS_ROOTCERT_FILE}.
     */
    public Map<String, String> environment(String directory) {
        String dir = directory.endsWith("/") ? directory : directory + "/";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CORE_PEER_TLS_ENABLED", "true");
        env.put("CORE_TLS_CLIENT_KEY_PATH", dir + CLIENT_KEY);
        env.put("CORE_TLS_CLIENT_CERT_PATH", dir + CLIENT_CERT);
        env.put("CORE_TLS_CLIENT_KEY_FILE", dir + CLIENT_PEM_KEY);
        env.put("CORE_TLS_CLIENT_CERT_FILE", dir + CLIENT_PEM_CERT);
        env.put("CORE_PEER_TLS_ROOTCERT_FILE", dir + ROOT_CERT);
        return env;
    }

    private static byte[] base64(String pem) {
        return Base64.getEncoder().encode(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Leaves the private key out. */
    @Override
    public String toString() {
        return "ChaincodeTlsFiles[client certificate issued by the peer's chaincode CA]";
    }
}
