package io.weft.shim.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weft.shim.Chaincode.Response;
import io.weft.shim.ChaincodeException;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.ResponseUtils;
import io.weft.shim.contract.Context;
import io.weft.shim.contract.ContractInterface;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a transaction to a contract function: {@code "contract:function"}, or a bare {@code "function"} for the
 * default contract; converts the arguments, calls the function and turns its result or failure into a response. Every
 * failure is a status 500 response with a message saying what was wrong (the transaction is then COMPLETED, as with
 * fabric-chaincode-shim's contract router).
 */
public final class ContractDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ContractDispatcher.class);

    private final Map<String, ContractDefinition> contracts = new LinkedHashMap<>();
    private final ContractDefinition defaultContract;
    private final TransactionArguments arguments;
    private final String metadata;

    /**
     * @throws IllegalArgumentException when a contract is malformed, two share a name, or two are {@code @Default}
     */
    public ContractDispatcher(List<? extends ContractInterface> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("at least one contract is needed");
        }
        ContractDefinition chosenDefault = null;
        for (ContractInterface instance : instances) {
            ContractDefinition contract = ContractDefinition.of(instance);
            if (contract.name().equals(ContractMetadata.SYSTEM_CONTRACT)
                    || contracts.putIfAbsent(contract.name(), contract) != null) {
                throw new IllegalArgumentException("two contracts are named '" + contract.name() + "'");
            }
            if (contract.isDefault()) {
                if (chosenDefault != null) {
                    throw new IllegalArgumentException("both '" + chosenDefault.name() + "' and '" + contract.name()
                            + "' are @Default; only one contract can be");
                }
                chosenDefault = contract;
            }
        }
        if (chosenDefault == null && contracts.size() == 1) {
            chosenDefault = contracts.values().iterator().next();
        }
        this.defaultContract = chosenDefault;
        JsonBinder binder = new JsonBinder();
        this.arguments = new TransactionArguments(binder);
        this.metadata = ContractMetadata.build(
                contracts.values(),
                chosenDefault != null
                        ? chosenDefault
                        : contracts.values().iterator().next(),
                binder);
    }

    /** The metadata JSON served by {@code org.hyperledger.fabric:GetMetadata}. */
    public String metadata() {
        return metadata;
    }

    public Response dispatch(ChaincodeStub stub) {
        List<byte[]> args = stub.getArgs();
        if (args.isEmpty()) {
            return ResponseUtils.newSuccessResponse();
        }
        String function = new String(args.get(0), UTF_8);
        int colon = function.indexOf(':');
        String contractName = colon < 0 ? null : function.substring(0, colon);
        String functionName = colon < 0 ? function : function.substring(colon + 1);
        if (ContractMetadata.SYSTEM_CONTRACT.equals(contractName)) {
            return systemContract(functionName);
        }
        ContractDefinition contract = contractName == null ? defaultContract : contracts.get(contractName);
        if (contract == null) {
            return ResponseUtils.newErrorResponse(
                    contractName == null
                            ? "function '" + function
                                    + "' names no contract and there is no @Default contract; contracts: "
                                    + knownContracts()
                            : "no contract '" + contractName + "'; known: " + knownContracts());
        }
        TransactionFunction target = contract.functions().get(functionName);
        if (target == null) {
            return unknownFunction(contract, functionName, stub);
        }
        return call(contract, target, args.subList(1, args.size()), stub);
    }

    private Response call(
            ContractDefinition contract, TransactionFunction function, List<byte[]> args, ChaincodeStub stub) {
        String where = "'" + function.name() + "' of contract '" + contract.name() + "'";
        List<Parameter> parameters = function.parameters();
        if (args.size() != parameters.size()) {
            return ResponseUtils.newErrorResponse("transaction function " + where + " takes " + parameters.size()
                    + " arguments (" + function.parameterNames() + "), got " + args.size());
        }
        Context context = contract.instance().createContext(stub);
        List<Object> values = new ArrayList<>(parameters.size() + 1);
        values.add(context);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            try {
                values.add(arguments.fromArgument(args.get(i), parameter.getParameterizedType()));
            } catch (IllegalArgumentException e) {
                return ResponseUtils.newErrorResponse(
                        "argument " + (i + 1) + " '" + parameter.getName() + "' of " + where + ": " + e.getMessage());
            }
        }
        try {
            contract.instance().beforeTransaction(context);
            Object result = function.method().invoke(contract.instance(), values.toArray());
            contract.instance().afterTransaction(context, result);
            return ResponseUtils.newSuccessResponse(arguments.toPayload(result));
        } catch (InvocationTargetException e) {
            return failure(where, e.getCause());
        } catch (ChaincodeException e) {
            return ResponseUtils.newErrorResponse(e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return failure(where, e);
        }
    }

    private static Response failure(String where, Throwable cause) {
        if (cause instanceof ChaincodeException chaincodeException) {
            return ResponseUtils.newErrorResponse(chaincodeException);
        }
        LOG.warn("transaction function {} failed", where, cause);
        return ResponseUtils.newErrorResponse("transaction function " + where + " failed: " + cause, null);
    }

    private Response unknownFunction(ContractDefinition contract, String functionName, ChaincodeStub stub) {
        if (contract.handlesUnknown()) {
            try {
                contract.instance().unknownTransaction(contract.instance().createContext(stub));
                return ResponseUtils.newSuccessResponse();
            } catch (RuntimeException e) {
                return failure("unknownTransaction of contract '" + contract.name() + "'", e);
            }
        }
        return ResponseUtils.newErrorResponse("no transaction function '" + functionName + "' in contract '"
                + contract.name() + "'; known: " + contract.knownFunctions());
    }

    private Response systemContract(String functionName) {
        if (ContractMetadata.GET_METADATA.equals(functionName)) {
            return ResponseUtils.newSuccessResponse(metadata.getBytes(UTF_8));
        }
        return ResponseUtils.newErrorResponse("no transaction function '" + functionName + "' in contract '"
                + ContractMetadata.SYSTEM_CONTRACT + "'; known: " + ContractMetadata.GET_METADATA);
    }

    private String knownContracts() {
        TreeSet<String> names = new TreeSet<>(contracts.keySet());
        names.add(ContractMetadata.SYSTEM_CONTRACT);
        return String.join(", ", names);
    }
}
