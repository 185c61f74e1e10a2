package io.weft.ledger.internal.rocksdb;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.internal.EnvelopeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Ledgers under {@code <fileSystemPath>/ledgersData/chains/<channel>/}, one RocksDB instance each. A ledger is
 * created in {@code chains/.<channel>.creating} and renamed into place once its genesis block is durable, so a crash
 * during creation leaves no half-made channel.
 */
public final class RocksDbLedgerProvider implements LedgerProvider {
    /** Fabric's channel name rule (configtx: lower case, digits, dot, dash; starts with a letter; < 250). */
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

    private final LedgerConfig config;
    private final Path chains;
    private final DirectoryLock lock;

    @GuardedBy("this")
    private final Map<String, RocksDbLedger> open = new HashMap<>();

    @GuardedBy("this")
    private boolean closed;

    private RocksDbLedgerProvider(LedgerConfig config, DirectoryLock lock) {
        this.config = config;
        this.chains = chainsDir(config);
        this.lock = lock;
    }

    static Path chainsDir(LedgerConfig config) {
        return config.ledgersData().resolve("chains");
    }

    public static LedgerProvider open(LedgerConfig config) {
        DirectoryLock lock = DirectoryLock.acquire(config.ledgersData(), "open ledgers");
        try {
            Path chains = chainsDir(config);
            Files.createDirectories(chains);
            try (Stream<Path> leftovers = Files.list(chains)) {
                for (Path p : leftovers
                        .filter(p -> p.getFileName().toString().startsWith("."))
                        .toList()) {
                    deleteRecursively(p);
                }
            }
            return new RocksDbLedgerProvider(config, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e instanceof LedgerException le
                    ? le
                    : new LedgerException("cannot open ledgers in " + config.ledgersData() + ": " + e.getMessage(), e);
        }
    }

    static void checkChannelName(String channelId) {
        if (!CHANNEL_NAME.matcher(channelId).matches()) {
            throw new LedgerException(
                    "invalid channel name \"" + channelId + "\": expected [a-z][a-z0-9.-]*, at most 249 characters");
        }
    }

    @Override
    public synchronized ChannelLedger create(Block genesisBlock) {
        checkOpen();
        if (genesisBlock.getHeader().getNumber() != 0 || genesisBlock.getData().getDataCount() == 0) {
            throw new LedgerException("a ledger is created from a genesis block (number 0 with one config"
                    + " transaction), got block " + genesisBlock.getHeader().getNumber() + " with "
                    + genesisBlock.getData().getDataCount() + " transactions");
        }
        String channelId;
        try {
            channelId = EnvelopeParser.channelId(genesisBlock.getData().getData(0));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("genesis block has no readable channel header", e);
        }
        checkChannelName(channelId);
        Path dir = chains.resolve(channelId);
        if (Files.exists(dir)) {
            throw new LedgerException("ledger for channel " + channelId + " already exists");
        }
        Path staging = chains.resolve("." + channelId + ".creating");
        try {
            deleteRecursively(staging);
            RocksDbLedger.create(channelId, staging, config, genesisBlock, () -> {})
                    .close();
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LedgerException("channel " + channelId + ": cannot create ledger in " + dir, e);
        }
        return openLedger(channelId);
    }

    @Override
    public synchronized Optional<ChannelLedger> get(String channelId) {
        checkOpen();
        RocksDbLedger ledger = open.get(channelId);
        if (ledger != null) {
            return Optional.of(ledger);
        }
        if (!CHANNEL_NAME.matcher(channelId).matches() || !Files.isDirectory(chains.resolve(channelId))) {
            return Optional.empty();
        }
        return Optional.of(openLedger(channelId));
    }

    @GuardedBy("this")
    private RocksDbLedger openLedger(String channelId) {
        RocksDbLedger ledger =
                RocksDbLedger.open(channelId, chains.resolve(channelId), config, () -> forget(channelId));
        open.put(channelId, ledger);
        return ledger;
    }

    private synchronized void forget(String channelId) {
        open.remove(channelId);
    }

    @Override
    public synchronized List<String> channels() {
        checkOpen();
        try (Stream<Path> dirs = Files.list(chains)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list ledgers in " + chains + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String channelId) {
        checkOpen();
        checkChannelName(channelId);
        RocksDbLedger ledger = open.get(channelId);
        if (ledger != null) {
            ledger.close();
        }
        Path dir = chains.resolve(channelId);
        if (!Files.exists(dir)) {
            throw new LedgerException("no ledger for channel " + channelId);
        }
        Path removing = chains.resolve("." + channelId + ".removing");
        try {
            Files.move(dir, removing, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(removing);
        } catch (IOException e) {
            throw new LedgerException("channel " + channelId + ": cannot remove ledger " + dir, e);
        }
    }

    @GuardedBy("this")
    private void checkOpen() {
        if (closed) {
            throw new LedgerException("ledger provider is closed");
        }
    }

    @Override
    public void close() {
        List<RocksDbLedger> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(open.values());
        }
        for (RocksDbLedger ledger : toClose) {
            ledger.close();
        }
        lock.close();
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
