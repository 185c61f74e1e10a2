package io.weft.msp;

import com.google.protobuf.ByteString;

/** One signature to evaluate against a policy: the signed bytes, the signer's serialized identity, the signature. */
public record SignedData(ByteString data, ByteString identity, ByteString signature) {}
