package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;

/** {@code peer chaincode}: invoke|query. */
@Command(
        name = "chaincode",
        description = "Operate a chaincode: invoke|query.",
        mixinStandardHelpOptions = true,
        subcommands = {ChaincodeInvokeCommand.class, ChaincodeQueryCommand.class})
final class ChaincodeCommand extends PeerCommand.Group {}
