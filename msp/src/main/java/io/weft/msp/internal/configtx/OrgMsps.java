package io.weft.msp.internal.configtx;

import io.weft.msp.CryptoProvider;
import io.weft.msp.Msp;
import io.weft.msp.MspException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * Builds the MSPs of the org groups of a channel config ({@code /Channel/Orderer/<org>/MSP},
 * {@code /Channel/Application/<org>/MSP}). An MSP ID defined by two org groups must carry the same config in both.
 */
public final class OrgMsps {
    private static final int FABRIC_MSP_TYPE = 0;

    private final CryptoProvider crypto;
    private final Map<String, Msp> byMspId = new LinkedHashMap<>();
    private final Map<String, String> definedAt = new LinkedHashMap<>();

    public OrgMsps(CryptoProvider crypto) {
        this.crypto = crypto;
    }

    /**
     * Reads the MSP of every child group of {@code parent}.
     *
     * @return each org group's name mapped to its MSP ID, in name order
     * @throws MspException naming the config path that is missing or wrong
     */
    public Map<String, String> addOrgs(String parentPath, ConfigGroup parent) {
        Map<String, String> orgs = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigGroup> org : new TreeMap<>(parent.getGroupsMap()).entrySet()) {
            String path = parentPath + "/" + org.getKey();
            orgs.put(org.getKey(), add(path, org.getValue()));
        }
        return orgs;
    }

    public List<Msp> msps() {
        return new ArrayList<>(byMspId.values());
    }

    private String add(String path, ConfigGroup org) {
        MSPConfig mspConfig = ConfigValues.required(org, path, "MSP", MSPConfig.parser());
        if (mspConfig.getType() != FABRIC_MSP_TYPE) {
            throw new MspException("channel config value " + path + "/MSP has MSP type " + mspConfig.getType()
                    + (mspConfig.getType() == 1 ? " (IDEMIX)" : "") + "; Weft supports FABRIC (0) only");
        }
        FabricMSPConfig config = ConfigValues.decode(mspConfig.getConfig(), path + "/MSP", FabricMSPConfig.parser());
        String mspId = config.getName();
        if (mspId.isEmpty()) {
            throw new MspException("channel config value " + path + "/MSP has no MSP ID (FabricMSPConfig.name)");
        }
        Msp existing = byMspId.get(mspId);
        if (existing != null) {
            if (!existing.config().equals(config)) {
                throw new MspException("channel config defines MSP " + mspId + " differently at " + definedAt.get(mspId)
                        + "/MSP and " + path + "/MSP");
            }
            return mspId;
        }
        try {
            byMspId.put(mspId, Msp.fromConfig(config, crypto));
        } catch (MspException e) {
            throw new MspException("channel config value " + path + "/MSP: " + e.getMessage(), e);
        }
        definedAt.put(mspId, path);
        return mspId;
    }
}
