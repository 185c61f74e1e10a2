package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.weft.msp.Pem;
import io.weft.msp.SignedEnvelopes;
import io.weft.msp.SigningIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/**
 * Deliver requests as Fabric's CLI signs them (fabric-protocol.md §3.3): a DELIVER_SEEK_INFO channel header with a
 * whole-second timestamp and, under mutual TLS, the SHA-256 of the client certificate; creator and nonce in the
 * signature header; the SeekInfo as data.
 */
final class Envelopes {
    /** Fabric's stop position for "follow forever": {@code math.MaxUint64}. */
    static final long MAX_UINT64 = -1L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelopes() {}

    static SeekPosition newest() {
        return SeekPosition.newBuilder()
                .setNewest(SeekNewest.getDefaultInstance())
                .build();
    }

    static SeekPosition oldest() {
        return SeekPosition.newBuilder()
                .setOldest(SeekOldest.getDefaultInstance())
                .build();
    }

    static SeekPosition specified(long number) {
        return SeekPosition.newBuilder()
                .setSpecified(SeekSpecified.newBuilder().setNumber(number))
                .build();
    }

    static Envelope seek(
            SigningIdentity signer, String channelId, SeekPosition start, SeekPosition stop, ByteString tlsCertHash) {
        return seek(signer, channelId, start, stop, tlsCertHash, false);
    }

    static Envelope seek(
            SigningIdentity signer,
            String channelId,
            SeekPosition start,
            SeekPosition stop,
            ByteString tlsCertHash,
            boolean bestEffort) {
        SeekInfo seekInfo = SeekInfo.newBuilder()
                .setStart(start)
                .setStop(stop)
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .setErrorResponse(
                        bestEffort ? SeekInfo.SeekErrorResponse.BEST_EFFORT : SeekInfo.SeekErrorResponse.STRICT)
                .build();
        byte[] nonce = new byte[Proposals.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.DELIVER_SEEK_INFO.getNumber())
                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setChannelId(channelId)
                .setTlsCertHash(tlsCertHash)
                .build();
        return SignedEnvelopes.sign(signer, channelHeader, nonce, seekInfo.toByteString());
    }

    /** SHA-256 of the DER of the endpoint's client TLS certificate; empty without mutual TLS. */
    static ByteString tlsCertHash(Endpoint endpoint) {
        if (endpoint.clientCert().isEmpty()) {
            return ByteString.EMPTY;
        }
        Path file = endpoint.clientCert().get();
        try {
            List<Pem.Block> blocks = Pem.decodeAll(Files.readAllBytes(file));
            if (blocks.isEmpty()) {
                throw new PeerCliException("client TLS certificate " + file + " holds no PEM certificate");
            }
            return ByteString.copyFrom(
                    MessageDigest.getInstance("SHA-256").digest(blocks.get(0).der()));
        } catch (IOException e) {
            throw new PeerCliException("cannot read client TLS certificate " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
