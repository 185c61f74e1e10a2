package io.weft.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

class ProtosTest {
    private static final ByteString PAYLOAD = Payload.newBuilder()
            .setData(ByteString.copyFromUtf8("the transaction"))
            .build()
            .toByteString();

    @Test
    void decodesNestedMessagesLikeTheGeneratedParser() throws InvalidProtocolBufferException {
        ByteString envelope = Envelope.newBuilder()
                .setPayload(PAYLOAD)
                .setSignature(ByteString.copyFromUtf8("sig"))
                .build()
                .toByteString();
        Envelope decoded = Protos.parseAliased(Envelope.parser(), envelope);
        assertThat(decoded).isEqualTo(Envelope.parseFrom(envelope));
        Payload payload = Protos.parseAliased(Payload.parser(), decoded.getPayload());
        assertThat(payload.getData().toStringUtf8()).isEqualTo("the transaction");
    }

    @Test
    void decodesFromAViewIntoALargerBuffer() throws InvalidProtocolBufferException {
        ByteString framed = ByteString.copyFromUtf8("xx").concat(PAYLOAD).concat(ByteString.copyFromUtf8("yy"));
        ByteString view = framed.substring(2, 2 + PAYLOAD.size());
        assertThat(Protos.parseAliased(Payload.parser(), view).getData().toStringUtf8())
                .isEqualTo("the transaction");
    }

    @Test
    void rejectsTruncatedInput() {
        ByteString truncated = PAYLOAD.substring(0, PAYLOAD.size() - 3);
        assertThatThrownBy(() -> Protos.parseAliased(Payload.parser(), truncated))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
