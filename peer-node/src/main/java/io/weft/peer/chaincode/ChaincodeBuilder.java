package io.weft.peer.chaincode;

/**
 * Builds a chaincode package ahead of its first launch, as Fabric's install does: {@code _lifecycle}'s
 * InstallChaincode builds before it stores the package, and a package that does not build is not installed.
 */
@FunctionalInterface
public interface ChaincodeBuilder {
    /**
     * Builds the package, bounded by {@code chaincode.installTimeout}; returns when it is ready to launch.
     *
     * @throws ChaincodeException naming the package and why it does not build (with the end of the build's output)
     */
    void build(ChaincodePackage pkg);
}
