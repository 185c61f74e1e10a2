package io.weft.peer.cli.peer;

import io.weft.msp.SigningIdentity;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code peer chaincode query}: endorse only, on one peer, and print the chaincode's payload (as text, or with
 * {@code -x} in hex, or with {@code -r} as Go prints a byte slice).
 */
@Command(name = "query", description = "Query using the specified chaincode.", mixinStandardHelpOptions = true)
final class ChaincodeQueryCommand extends PeerSubcommand {
    @Mixin
    ChaincodeCall call;

    @Option(
            names = {"-r", "--raw"},
            description = "If true, output the query value as raw bytes, otherwise format as a printable string")
    boolean raw;

    @Option(
            names = {"-x", "--hex"},
            description = "If true, output the query value byte array in hexadecimal. Incompatible with --raw")
    boolean hex;

    @Override
    int execute() {
        call.validate(spec);
        if (raw && hex) {
            throw usage("options --raw (-r) and --hex (-x) are not compatible");
        }
        SigningIdentity signer = call.peer.client.signer(spec);
        List<Endpoint> peers = call.peer.targets.endpoints(spec, call.peer.client.config(spec), 1);
        Proposals.Signed proposal = Proposals.create(
                signer,
                HeaderType.ENDORSER_TRANSACTION,
                call.channelId,
                call.chaincodeSpec(spec),
                call.transientMap(spec));
        ProposalResponse response;
        try (Connections connections = new Connections()) {
            response = Proposals.endorse(connections, peers, proposal.signedProposal())
                    .get(0);
        } catch (PeerCliException e) {
            throw new PeerCliException("error endorsing query: " + e.getMessage(), e);
        }
        if (!response.hasEndorsement()) {
            throw new PeerCliException(
                    "endorsement failure during query. response: " + GoText.response(response.getResponse()));
        }
        byte[] payload = response.getResponse().getPayload().toByteArray();
        if (hex) {
            println(HexFormat.of().formatHex(payload));
        } else if (raw) {
            StringBuilder goBytes = new StringBuilder("[");
            for (int i = 0; i < payload.length; i++) {
                goBytes.append(i == 0 ? "" : " ").append(payload[i] & 0xFF);
            }
            println(goBytes.append(']').toString());
        } else {
            println(response.getResponse().getPayload().toStringUtf8());
        }
        return 0;
    }
}
