package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockCutterTest {
    private static ByteString envelope(int size, int tag) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) tag;
        return ByteString.copyFrom(bytes);
    }

    @Test
    void cutsAtMaxMessageCount() {
        BlockCutter cutter = new BlockCutter(new BatchSettings(3, 1000, 500, Duration.ofSeconds(2)));
        assertThat(cutter.ordered(envelope(10, 1))).isEmpty();
        assertThat(cutter.ordered(envelope(10, 2))).isEmpty();
        List<List<ByteString>> batches = cutter.ordered(envelope(10, 3));
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(b -> b.byteAt(0)).containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(cutter.hasPending()).isFalse();
    }

    @Test
    void cutsBeforeAnEnvelopeThatWouldPassPreferredMaxBytes() {
        BlockCutter cutter = new BlockCutter(new BatchSettings(100, 1000, 100, Duration.ofSeconds(2)));
        assertThat(cutter.ordered(envelope(60, 1))).isEmpty();
        List<List<ByteString>> batches = cutter.ordered(envelope(60, 2));
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(1);
        assertThat(cutter.hasPending()).isTrue();
        assertThat(cutter.cut()).extracting(b -> b.byteAt(0)).containsExactly((byte) 2);
    }

    @Test
    void oversizedEnvelopeGoesAloneAfterThePendingBatch() {
        BlockCutter cutter = new BlockCutter(new BatchSettings(100, 1000, 100, Duration.ofSeconds(2)));
        cutter.ordered(envelope(10, 1));
        List<List<ByteString>> batches = cutter.ordered(envelope(200, 2));
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).extracting(b -> b.byteAt(0)).containsExactly((byte) 1);
        assertThat(batches.get(1)).extracting(b -> b.byteAt(0)).containsExactly((byte) 2);
        assertThat(cutter.hasPending()).isFalse();
    }

    @Test
    void refusesEnvelopesAboveAbsoluteMaxBytes() {
        BlockCutter cutter = new BlockCutter(new BatchSettings(100, 1000, 100, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> cutter.ordered(envelope(1001, 1))).hasMessageContaining("AbsoluteMaxBytes 1000");
    }

    @Test
    void timerCutReturnsPendingOrNothing() {
        BlockCutter cutter = new BlockCutter(BatchSettings.FABRIC_DEFAULTS);
        assertThat(cutter.cut()).isEmpty();
        cutter.ordered(envelope(10, 1));
        assertThat(cutter.cut()).hasSize(1);
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> new BatchSettings(0, 10, 5, Duration.ofSeconds(1)))
                .hasMessageContaining("MaxMessageCount");
        assertThatThrownBy(() -> new BatchSettings(1, 10, 50, Duration.ofSeconds(1)))
                .hasMessageContaining("PreferredMaxBytes");
        assertThatThrownBy(() -> new BatchSettings(1, 10, 5, Duration.ZERO)).hasMessageContaining("BatchTimeout");
    }
}
