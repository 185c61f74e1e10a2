package io.weft.peer.chaincode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies a chaincode's output into the peer's log, one line per event, prefixed with the chaincode id. */
final class ChaincodeLogs {
    /** Chaincode output is logged under this logger, so operators can turn it down on its own. */
    static final Logger LOG = LoggerFactory.getLogger("io.weft.peer.chaincode.output");

    private static final int MAX_LINE_CHARS = 8192;

    private ChaincodeLogs() {}

    static void line(String chaincodeId, String line) {
        String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line;
        LOG.info("[{}] {}", chaincodeId, text);
    }

    /** Reads {@code in} to its end; runs on a log pump thread. */
    static void pump(String chaincodeId, InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line(chaincodeId, line);
            }
        } catch (IOException e) {
            LOG.debug("[{}] output closed: {}", chaincodeId, e.toString());
        }
    }
}
