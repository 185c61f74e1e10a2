package io.weft.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

class BlockHashingTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void dataHashIsSha256OfTheConcatenatedEntries() throws Exception {
        BlockData data = BlockData.newBuilder()
                .addData(ByteString.copyFromUtf8("ab"))
                .addData(ByteString.copyFromUtf8("c"))
                .build();

        assertThat(BlockHashing.dataHash(data).toByteArray())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest("abc".getBytes()));
    }

    @Test
    void genesisHeaderEncodesNumberZeroAndEmptyPreviousHashAsGoDoes() {
        byte[] dataHash = new byte[32];
        BlockHeader header = BlockHeader.newBuilder()
                .setDataHash(ByteString.copyFrom(dataHash))
                .build();

        assertThat(HEX.formatHex(BlockHashing.headerBytes(header)))
                .isEqualTo("3027" + "020100" + "0400" + "0420" + "00".repeat(32));
    }

    @Test
    void numbersWithTheHighBitSetGetALeadingZeroAndLongContentUsesLongFormLength() {
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(128)
                .setPreviousHash(ByteString.copyFrom(new byte[200]))
                .build();

        String der = HEX.formatHex(BlockHashing.headerBytes(header));

        assertThat(der).startsWith("3081d1" + "02020080" + "0481c8");
        assertThat(der).endsWith("0400");
    }

    @Test
    void maxUnsignedNumberIsPositive() {
        BlockHeader header = BlockHeader.newBuilder().setNumber(-1L).build();

        assertThat(HEX.formatHex(BlockHashing.headerBytes(header))).startsWith("300f" + "020900ffffffffffffffff");
    }

    @Test
    void headerHashIsSha256OfTheDerBytes() throws Exception {
        BlockHeader header = BlockHeader.newBuilder().setNumber(7).build();

        assertThat(BlockHashing.headerHash(header).toByteArray())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(BlockHashing.headerBytes(header)));
    }
}
