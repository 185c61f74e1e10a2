package io.weft.peer.cli.weft;

import picocli.CommandLine.Command;

/** {@code weft}: Weft's own commands, beyond Fabric's tools. */
@Command(
        name = "weft",
        description = "Weft's own commands.",
        mixinStandardHelpOptions = true,
        version = "weft",
        subcommands = {UpCommand.class, BenchCommand.class})
public final class WeftCommand {}
