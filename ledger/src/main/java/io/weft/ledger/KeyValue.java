package io.weft.ledger;

import com.google.protobuf.ByteString;

/** One result of a range query. */
public record KeyValue(String namespace, String key, ByteString value) {}
