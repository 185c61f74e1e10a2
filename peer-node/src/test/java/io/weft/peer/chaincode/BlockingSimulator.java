package io.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import io.weft.ledger.KeyValue;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.StatePage;
import io.weft.ledger.TxSimulationResults;
import io.weft.ledger.TxSimulator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A simulator whose getState of key "block" waits for {@link #release}: a request that is slow on the ledger. */
final class BlockingSimulator implements TxSimulator {
    private final TxSimulator delegate;
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    volatile boolean closed;

    BlockingSimulator(TxSimulator delegate) {
        this.delegate = delegate;
    }

    void release() {
        release.countDown();
    }

    @Override
    public Optional<ByteString> getState(String namespace, String key) {
        if (key.equals("block")) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closed) {
                throw new IllegalStateException("simulator used after close");
            }
        }
        return delegate.getState(namespace, key);
    }

    @Override
    public String txId() {
        return delegate.txId();
    }

    @Override
    public void setState(String namespace, String key, ByteString value) {
        delegate.setState(namespace, key, value);
    }

    @Override
    public void deleteState(String namespace, String key) {
        delegate.deleteState(namespace, key);
    }

    @Override
    public void setStateMetadata(String namespace, String key, Map<String, ByteString> metadata) {
        delegate.setStateMetadata(namespace, key, metadata);
    }

    @Override
    public TxSimulationResults results() {
        return delegate.results();
    }

    @Override
    public List<Optional<ByteString>> getStateMultipleKeys(String namespace, List<String> keys) {
        return delegate.getStateMultipleKeys(namespace, keys);
    }

    @Override
    public Map<String, ByteString> getStateMetadata(String namespace, String key) {
        return delegate.getStateMetadata(namespace, key);
    }

    @Override
    public ResultsIterator<KeyValue> getStateRangeScanIterator(String namespace, String startKey, String endKey) {
        return delegate.getStateRangeScanIterator(namespace, startKey, endKey);
    }

    @Override
    public StatePage getStateRangePage(
            String namespace, String startKey, String endKey, int pageSize, String bookmark) {
        return delegate.getStateRangePage(namespace, startKey, endKey, pageSize, bookmark);
    }

    @Override
    public long height() {
        return delegate.height();
    }

    @Override
    public void close() {
        closed = true;
        delegate.close();
    }
}
