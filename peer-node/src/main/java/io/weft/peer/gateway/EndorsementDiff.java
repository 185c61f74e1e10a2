package io.weft.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;

/**
 * Says where two endorsements of the same proposal differ, for the endorsement-mismatch error: the chaincode response,
 * or the first namespace and key whose read or write differs (the usual cause is non-deterministic chaincode).
 */
final class EndorsementDiff {
    private EndorsementDiff() {}

    static String firstDifference(ByteString first, ByteString second) {
        try {
            ChaincodeAction a = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(first).getExtension());
            ChaincodeAction b = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(second).getExtension());
            if (!a.getResponse().equals(b.getResponse())) {
                return "the chaincode responses differ: status "
                        + a.getResponse().getStatus() + " payload "
                        + quote(a.getResponse().getPayload()) + " vs status "
                        + b.getResponse().getStatus()
                        + " payload " + quote(b.getResponse().getPayload());
            }
            if (!a.getEvents().equals(b.getEvents())) {
                return "the chaincode events differ";
            }
            String rwSet =
                    rwSetDifference(TxReadWriteSet.parseFrom(a.getResults()), TxReadWriteSet.parseFrom(b.getResults()));
            return rwSet != null ? rwSet : "the proposal response payloads differ outside the read-write set";
        } catch (InvalidProtocolBufferException e) {
            return "a proposal response payload does not decode: " + e.getMessage();
        }
    }

    private static String rwSetDifference(TxReadWriteSet a, TxReadWriteSet b) throws InvalidProtocolBufferException {
        Map<String, KVRWSet> left = namespaces(a);
        Map<String, KVRWSet> right = namespaces(b);
        java.util.TreeSet<String> names = new java.util.TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        List<String> all = new ArrayList<>(names);
        for (String namespace : all) {
            KVRWSet x = left.get(namespace);
            KVRWSet y = right.get(namespace);
            if (x == null || y == null) {
                return "namespace " + namespace + " is touched by only one endorser";
            }
            String reads = firstKeyDifference(readMap(x), readMap(y), "read");
            if (reads != null) {
                return "namespace " + namespace + ": " + reads;
            }
            String writes = firstKeyDifference(writeMap(x), writeMap(y), "written");
            if (writes != null) {
                return "namespace " + namespace + ": " + writes;
            }
            if (!x.getRangeQueriesInfoList().equals(y.getRangeQueriesInfoList())) {
                return "namespace " + namespace + ": the range queries differ";
            }
        }
        return null;
    }

    private static String firstKeyDifference(Map<String, String> x, Map<String, String> y, String verb) {
        TreeMap<String, String> keys = new TreeMap<>(x);
        y.keySet().forEach(k -> keys.putIfAbsent(k, null));
        for (String key : keys.keySet()) {
            String left = x.get(key);
            String right = y.get(key);
            if (left == null || right == null || !left.equals(right)) {
                return "key '" + key + "' " + verb + " as " + (left == null ? "(nothing)" : left)
                        + " by the first endorser but " + (right == null ? "(nothing)" : right) + " by the second";
            }
        }
        return null;
    }

    private static Map<String, KVRWSet> namespaces(TxReadWriteSet rwSet) throws InvalidProtocolBufferException {
        Map<String, KVRWSet> result = new TreeMap<>();
        for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
            result.put(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset()));
        }
        return result;
    }

    private static Map<String, String> readMap(KVRWSet set) {
        Map<String, String> result = new TreeMap<>();
        for (KVRead read : set.getReadsList()) {
            result.put(
                    read.getKey(),
                    read.hasVersion()
                            ? "version " + read.getVersion().getBlockNum() + ":"
                                    + read.getVersion().getTxNum()
                            : "absent");
        }
        return result;
    }

    private static Map<String, String> writeMap(KVRWSet set) {
        Map<String, String> result = new TreeMap<>();
        for (KVWrite write : set.getWritesList()) {
            result.put(write.getKey(), write.getIsDelete() ? "(deleted)" : quote(write.getValue()));
        }
        return result;
    }

    private static String quote(ByteString value) {
        String text = value.toStringUtf8();
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }
}
