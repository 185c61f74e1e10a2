package io.weft.msp.internal.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.weft.msp.MspException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;

/** Decodes the values of a config group; every error names the value's config path. */
public final class ConfigValues {
    private ConfigValues() {}

    /** The value {@code key} of the group at {@code path}, decoded, or empty when the group has no such value. */
    public static <T extends Message> Optional<T> optional(
            ConfigGroup group, String path, String key, Parser<T> parser) {
        ConfigValue value = group.getValuesMap().get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(decode(value.getValue(), path + "/" + key, parser));
    }

    /** Like {@link #optional} but the value must be there. */
    public static <T extends Message> T required(ConfigGroup group, String path, String key, Parser<T> parser) {
        return optional(group, path, key, parser)
                .orElseThrow(() -> new MspException("channel config has no value " + path + "/" + key));
    }

    /** Decodes the bytes of a value or policy at {@code path}. */
    public static <T extends Message> T decode(ByteString bytes, String path, Parser<T> parser) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("channel config value " + path + " does not decode: " + e.getMessage(), e);
        }
    }

    /** The names of the {@code Capabilities} value of the group, sorted; empty when there is none. */
    public static Set<String> capabilities(ConfigGroup group, String path) {
        return optional(group, path, "Capabilities", Capabilities.parser())
                .map(c -> Set.copyOf(new TreeSet<>(c.getCapabilitiesMap().keySet())))
                .orElse(Set.of());
    }

    /** The sub-group {@code name} of the group at {@code path}. */
    public static Optional<ConfigGroup> group(ConfigGroup parent, String name) {
        return Optional.ofNullable(parent.getGroupsMap().get(name));
    }
}
