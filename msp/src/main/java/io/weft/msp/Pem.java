package io.weft.msp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text as Go's {@code encoding/pem} writes and reads it: 64-character lines, a newline after the end line. */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    /** One decoded PEM block. */
    public static final class Block {
        private final String type;
        private final byte[] der;

        public Block(String type, byte[] der) {
            this.type = type;
            this.der = der.clone();
        }

        public String type() {
            return type;
        }

        public byte[] der() {
            return der.clone();
        }
    }

    /** Encodes one block. */
    public static String encode(String type, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder(base64.length() + 80);
        out.append(BEGIN).append(type).append(DASHES).append('\n');
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        out.append(END).append(type).append(DASHES).append('\n');
        return out.toString();
    }

    public static String encodeCertificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new MspException("cannot encode certificate", e);
        }
    }

    public static String encodePrivateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** Every PEM block in the text, in order; text between blocks is ignored, as Go does. */
    public static List<Block> decodeAll(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = s.indexOf(BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            int typeEnd = s.indexOf(DASHES, begin + BEGIN.length());
            if (typeEnd < 0) {
                return blocks;
            }
            String type = s.substring(begin + BEGIN.length(), typeEnd);
            String endLine = END + type + DASHES;
            int end = s.indexOf(endLine, typeEnd);
            if (end < 0) {
                throw new MspException("PEM block " + type + " has no end line");
            }
            String body = s.substring(typeEnd + DASHES.length(), end).replaceAll("\\s", "");
            try {
                blocks.add(new Block(type, Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new MspException("PEM block " + type + " is not valid base64", e);
            }
            from = end + endLine.length();
        }
    }

    /** The first block of the text. */
    public static Block decodeFirst(byte[] text) {
        List<Block> blocks = decodeAll(text);
        if (blocks.isEmpty()) {
            throw new MspException("no PEM content");
        }
        return blocks.get(0);
    }

    /** Parses an X.509 certificate from DER. */
    public static X509Certificate parseCertificate(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new MspException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Parses the first PEM block of the text as a certificate. */
    public static X509Certificate parseCertificatePem(byte[] text) {
        Block block = decodeFirst(text);
        if (!block.type().equals("CERTIFICATE")) {
            throw new MspException("expected a PEM CERTIFICATE block, found " + block.type());
        }
        return parseCertificate(block.der());
    }

    /** Parses an X.509 CRL from DER. */
    public static X509CRL parseCrl(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509CRL) factory.generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException | CRLException | RuntimeException e) {
            throw new MspException("not an X.509 CRL: " + e.getMessage(), e);
        }
    }
}
