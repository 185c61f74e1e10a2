package io.weft.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Direct access to a channel's RocksDB files, to damage them in tests. */
final class RawStore implements AutoCloseable {
    private static final List<String> FAMILIES = List.of("default", "blocks", "index", "state", "history", "meta");
    private final DBOptions options = new DBOptions();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final RocksDB db;

    RawStore(Path ledgerRoot, String channel) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String f : FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(f.getBytes(StandardCharsets.US_ASCII)));
        }
        db = RocksDB.open(
                options, ledgerRoot.resolve("ledgersData/chains/" + channel).toString(), descriptors, handles);
    }

    private ColumnFamilyHandle cf(String name) {
        return handles.get(FAMILIES.indexOf(name));
    }

    static byte[] blockKey(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    void putBlock(long n, byte[] bytes) throws RocksDBException {
        db.put(cf("blocks"), blockKey(n), bytes);
    }

    byte[] getBlock(long n) throws RocksDBException {
        return db.get(cf("blocks"), blockKey(n));
    }

    void deleteBlock(long n) throws RocksDBException {
        db.delete(cf("blocks"), blockKey(n));
    }

    void putSavepoint(long n) throws RocksDBException {
        db.put(cf("meta"), "savepoint".getBytes(StandardCharsets.US_ASCII), blockKey(n));
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }
}
