package io.weft.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

class MspManagerTest {
    private final TestOrg org1 = new TestOrg("Org1MSP");
    private final TestOrg org2 = new TestOrg("Org2MSP");

    @Test
    void dispatchesByMspIdAndCachesValidatedIdentities() {
        MspManager manager = new MspManager(List.of(org1.msp(), org2.msp()));
        ByteString peer1 = org1.serialize(org1.issue("peer0.org1", "peer").certificate());
        ByteString peer2 = org2.serialize(org2.issue("peer0.org2", "peer").certificate());
        Identity first = manager.deserializeIdentity(peer1);
        assertThat(manager.deserializeIdentity(peer1)).isSameAs(first);
        assertThat(manager.deserializeIdentity(ByteString.copyFrom(peer1.toByteArray())))
                .isSameAs(first);
        assertThat(manager.deserializeIdentity(peer2).mspId()).isEqualTo("Org2MSP");
    }

    @Test
    void unknownMspIsAClearError() {
        MspManager manager = new MspManager(List.of(org1.msp()));
        ByteString stranger = org2.serialize(org2.issue("peer0.org2", "peer").certificate());
        assertThatThrownBy(() -> manager.deserializeIdentity(stranger))
                .isInstanceOf(MspException.class)
                .hasMessage("identity's MSP 'Org2MSP' is not one of [Org1MSP]");
        // the failure is cached and reported the same way again
        assertThatThrownBy(() -> manager.deserializeIdentity(stranger))
                .hasMessage("identity's MSP 'Org2MSP' is not one of [Org1MSP]");
    }

    @Test
    void cacheIsBoundedButStillAnswersCorrectly() {
        MspManager manager = new MspManager(List.of(org1.msp()), 2);
        List<ByteString> identities = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> org1.serialize(org1.issue("client" + i, "client").certificate()))
                .toList();
        for (int round = 0; round < 3; round++) {
            for (ByteString serialized : identities) {
                assertThat(manager.deserializeIdentity(serialized).serialized()).isEqualTo(serialized);
            }
        }
    }

    @Test
    void rejectsTwoMspsWithTheSameId() {
        assertThatThrownBy(() -> new MspManager(List.of(org1.msp(), new TestOrg("Org1MSP").msp())))
                .hasMessageContaining("defined twice");
    }
}
