package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

class BlockHashesTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void headerBytesAreAsn1DerLikeGoEncodingAsn1() {
        // number 0 and empty hashes: SEQUENCE { INTEGER 0, OCTET STRING "", OCTET STRING "" }
        assertThat(hex(BlockHashes.headerBytes(BlockHeader.getDefaultInstance())))
                .isEqualTo("3007020100" + "0400" + "0400");
        // 128 needs a leading zero byte to stay positive; max uint64 too
        BlockHeader h = BlockHeader.newBuilder()
                .setNumber(128)
                .setPreviousHash(ByteString.copyFrom(new byte[] {1, 2}))
                .setDataHash(ByteString.copyFrom(new byte[] {3}))
                .build();
        assertThat(hex(BlockHashes.headerBytes(h))).isEqualTo("300b" + "02020080" + "04020102" + "040103");
        BlockHeader max = BlockHeader.newBuilder().setNumber(-1L).build();
        assertThat(hex(BlockHashes.headerBytes(max))).isEqualTo("300f" + "020900ffffffffffffffff" + "0400" + "0400");
    }

    @Test
    void longFieldsUseDerLongFormLengths() {
        BlockHeader h = BlockHeader.newBuilder()
                .setNumber(1)
                .setPreviousHash(ByteString.copyFrom(new byte[200]))
                .setDataHash(ByteString.copyFrom(new byte[32]))
                .build();
        String der = hex(BlockHashes.headerBytes(h));
        assertThat(der).startsWith("3081f0" + "020101" + "0481c8");
    }

    @Test
    void dataHashIsSha256OfTheConcatenatedEntries() throws Exception {
        BlockData data = BlockData.newBuilder()
                .addData(ByteString.copyFromUtf8("ab"))
                .addData(ByteString.copyFromUtf8("cd"))
                .build();
        assertThat(BlockHashes.dataHash(data))
                .isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest("abcd".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
