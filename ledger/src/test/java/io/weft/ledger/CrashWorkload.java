package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The deterministic blocks of the crash test: block n depends only on n, with blind writes, deletes, reads that are
 * sometimes stale (MVCC conflicts), a range read and a duplicate tx id, so a replay must reproduce every code.
 */
final class CrashWorkload {
    static final String CHANNEL = "crashchannel";
    static final int KEYS = 40;
    static final int TXS_PER_BLOCK = 20;

    private CrashWorkload() {}

    static String key(int i) {
        return "k" + (i % KEYS);
    }

    static Block block(TestChain chain) {
        long n = chain.nextNumber();
        List<ByteString> txs = new ArrayList<>();
        for (int i = 0; i < TXS_PER_BLOCK; i++) {
            TestChain.RwSet rw = new TestChain.RwSet();
            int k = (int) ((n * 7 + i * 3) % KEYS);
            if ((n + i) % 3 == 0) {
                // right when the key was last written by tx i of the previous block, stale otherwise
                rw.read("cc", key(k + 1), new Version(n - 1, i));
            }
            if ((n + i) % 5 == 0) {
                rw.delete("cc", key(k + 2));
            }
            rw.write("cc", key(k), "v" + n + "." + i);
            String txId = (i == TXS_PER_BLOCK - 1 && n > 1) ? "b" + (n - 1) + "t0" : "b" + n + "t" + i;
            txs.add(chain.tx(txId, rw.build().toByteString()));
        }
        return chain.block(txs);
    }
}
