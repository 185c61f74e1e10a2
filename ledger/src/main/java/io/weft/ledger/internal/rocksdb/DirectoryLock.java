package io.weft.ledger.internal.rocksdb;

import io.weft.ledger.LedgerException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive OS file lock on {@code ledgersData/LOCK}; released by the OS if the process dies. */
final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path ledgersData, String purpose) {
        Path file = ledgersData.resolve("LOCK");
        FileChannel channel = null;
        try {
            Files.createDirectories(ledgersData);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new LedgerException("cannot " + purpose + ": the ledgers in " + ledgersData
                        + " are in use by another process (is a peer running?)");
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new LedgerException(
                    "cannot " + purpose + ": the ledgers in " + ledgersData + " are already open in this process", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LedgerException("cannot " + purpose + ": cannot lock " + file + ": " + e.getMessage(), e);
        } catch (LedgerException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock attempt already failed; nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LedgerException("cannot release ledger lock: " + e.getMessage(), e);
        }
    }
}
