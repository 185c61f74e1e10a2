package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.msp.SigningIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A loopback gRPC server playing a peer (Endorser, Deliver, DeliverFiltered) and an orderer (Broadcast, Deliver) for
 * the CLI tests: it records what the CLI sends and answers what the test sets.
 */
final class FakeNode implements AutoCloseable {
    final List<SignedProposal> proposals = new CopyOnWriteArrayList<>();
    final List<Envelope> broadcasts = new CopyOnWriteArrayList<>();
    final List<Envelope> seeks = new CopyOnWriteArrayList<>();
    final List<Block> blocks = new CopyOnWriteArrayList<>();

    private final SigningIdentity peerIdentity;
    private final Server server;
    volatile Function<SignedProposal, Response> chaincode = p -> ok("ok");
    volatile TxValidationCode commitCode = TxValidationCode.VALID;

    FakeNode(SigningIdentity peerIdentity) {
        this(peerIdentity, null);
    }

    /** A node serving TLS with {@code tlsDir}'s server.crt and server.key (plaintext when null). */
    FakeNode(SigningIdentity peerIdentity, java.nio.file.Path tlsDir) {
        this.peerIdentity = peerIdentity;
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        if (tlsDir != null) {
            try {
                builder.sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forServer(
                                tlsDir.resolve("server.crt").toFile(),
                                tlsDir.resolve("server.key").toFile())
                        .build());
            } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException(e);
            }
        }
        this.server = builder.addService(new Endorser())
                .addService(new PeerDeliver())
                .addService(new Orderer())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    static Response ok(String payload) {
        return Response.newBuilder()
                .setStatus(200)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build();
    }

    static Response ok(ByteString payload) {
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    static Response error(int status, String message) {
        return Response.newBuilder().setStatus(status).setMessage(message).build();
    }

    /** The tx id of the last proposal. */
    String lastTxId() {
        return header(proposals.get(proposals.size() - 1)).getTxId();
    }

    static ChannelHeader header(SignedProposal signed) {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            return ChannelHeader.parseFrom(
                    Header.parseFrom(proposal.getHeader()).getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response shaped as Fabric's endorser makes it (fabric-protocol.md §2.5-2.7). */
    ProposalResponse endorse(SignedProposal signed, Response response) throws Exception {
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        if (response.getStatus() >= 400 || channelHeader.getChannelId().isEmpty()) {
            return ProposalResponse.newBuilder().setResponse(response).build();
        }
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(header.getChannelHeader().toByteArray());
        digest.update(header.getSignatureHeader().toByteArray());
        digest.update(ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build()
                .toByteArray());
        String name = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension())
                .getChaincodeId()
                .getName();
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(digest.digest()))
                .setExtension(ChaincodeAction.newBuilder()
                        .setResponse(response)
                        .setChaincodeId(ChaincodeID.newBuilder().setName(name).setVersion("1.0"))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ByteString endorser = peerIdentity.serialized();
        byte[] signature = peerIdentity.sign(prp.concat(endorser).toByteArray());
        return ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .setPayload(prp)
                .setEndorsement(
                        Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature)))
                .build();
    }

    private final class Endorser extends EndorserGrpc.EndorserImplBase {
        @Override
        public void processProposal(SignedProposal request, StreamObserver<ProposalResponse> responses) {
            proposals.add(request);
            try {
                responses.onNext(endorse(request, chaincode.apply(request)));
                responses.onCompleted();
            } catch (Exception e) {
                responses.onError(
                        io.grpc.Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            }
        }
    }

    private final class PeerDeliver extends DeliverGrpc.DeliverImplBase {
        @Override
        public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
            return new Requests(envelope -> {
                seeks.add(envelope);
                responses.onNext(DeliverResponse.newBuilder()
                        .setFilteredBlock(FilteredBlock.newBuilder()
                                .setNumber(7)
                                .addFilteredTransactions(
                                        FilteredTransaction.newBuilder().setTxid("someone-else"))
                                .addFilteredTransactions(FilteredTransaction.newBuilder()
                                        .setTxid(lastTxId())
                                        .setTxValidationCode(commitCode)))
                        .build());
            });
        }

        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
            return new Requests(envelope -> {
                Block block = seek(envelope);
                responses.onNext(
                        block == null
                                ? DeliverResponse.newBuilder()
                                        .setStatus(Status.NOT_FOUND)
                                        .build()
                                : DeliverResponse.newBuilder().setBlock(block).build());
                responses.onCompleted();
            });
        }
    }

    private final class Orderer extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {
        @Override
        public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
            return new Requests(envelope -> {
                broadcasts.add(envelope);
                responses.onNext(
                        BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build());
            });
        }

        @Override
        public StreamObserver<Envelope> deliver(
                StreamObserver<org.hyperledger.fabric.protos.orderer.DeliverResponse> responses) {
            return new Requests(envelope -> {
                Block block = seek(envelope);
                if (block == null) {
                    responses.onNext(org.hyperledger.fabric.protos.orderer.DeliverResponse.newBuilder()
                            .setStatus(Status.NOT_FOUND)
                            .build());
                } else {
                    responses.onNext(org.hyperledger.fabric.protos.orderer.DeliverResponse.newBuilder()
                            .setBlock(block)
                            .build());
                    responses.onNext(org.hyperledger.fabric.protos.orderer.DeliverResponse.newBuilder()
                            .setStatus(Status.SUCCESS)
                            .build());
                }
                responses.onCompleted();
            });
        }
    }

    /** The block a single-block seek asks for, or null. */
    private Block seek(Envelope envelope) {
        seeks.add(envelope);
        try {
            SeekInfo info =
                    SeekInfo.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
            SeekPosition start = info.getStart();
            long number =
                    switch (start.getTypeCase()) {
                        case NEWEST -> blocks.size() - 1;
                        case OLDEST -> 0;
                        case SPECIFIED -> start.getSpecified().getNumber();
                        default -> -1;
                    };
            return number >= 0 && number < blocks.size() ? blocks.get((int) number) : null;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request stream that hands each envelope to a handler and ends when the client ends. */
    private static final class Requests implements StreamObserver<Envelope> {
        private final java.util.function.Consumer<Envelope> handler;

        Requests(java.util.function.Consumer<Envelope> handler) {
            this.handler = handler;
        }

        @Override
        public void onNext(Envelope value) {
            handler.accept(value);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }

    @Override
    public void close() {
        try {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
