package io.weft.msp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.internal.IdentityKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The MSPs of one channel (or the local MSP of a node). Deserialized identities are cached by their serialized bytes
 * in a bounded cache, failures included, because the committer sees the same creators and endorsers thousands of times
 * per second. Thread-safe.
 */
public final class MspManager implements IdentityDeserializer {
    /** Default bound on cached identities per manager. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final Map<String, Msp> msps;
    private final Cache<IdentityKey, Object> cache;

    public MspManager(Collection<Msp> msps, int cacheSize) {
        Map<String, Msp> byId = new LinkedHashMap<>();
        for (Msp msp : msps) {
            if (byId.putIfAbsent(msp.mspId(), msp) != null) {
                throw new MspException("MSP " + msp.mspId() + " is defined twice");
            }
        }
        this.msps = Map.copyOf(byId);
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    public MspManager(Collection<Msp> msps) {
        this(msps, DEFAULT_CACHE_SIZE);
    }

    public Optional<Msp> msp(String mspId) {
        return Optional.ofNullable(msps.get(mspId));
    }

    public Map<String, Msp> msps() {
        return msps;
    }

    @Override
    public Identity deserializeIdentity(ByteString serializedIdentity) {
        Object cached = cache.get(IdentityKey.of(serializedIdentity), key -> load(serializedIdentity));
        if (cached instanceof Identity identity) {
            return identity;
        }
        throw new MspException((String) cached);
    }

    private Object load(ByteString serializedIdentity) {
        try {
            String mspId = SerializedIdentity.parseFrom(serializedIdentity).getMspid();
            Msp msp = msps.get(mspId);
            if (msp == null) {
                return "identity's MSP '" + mspId + "' is not one of " + msps.keySet();
            }
            return msp.deserializeIdentity(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            return "identity is not a SerializedIdentity: " + e.getMessage();
        } catch (MspException e) {
            return e.getMessage();
        }
    }

    @Override
    public void satisfiesPrincipal(Identity identity, MSPPrincipal principal) {
        Msp msp = msps.get(identity.mspId());
        if (msp == null) {
            throw new MspException("identity's MSP '" + identity.mspId() + "' is not one of " + msps.keySet());
        }
        msp.satisfiesPrincipal(identity, principal);
    }
}
