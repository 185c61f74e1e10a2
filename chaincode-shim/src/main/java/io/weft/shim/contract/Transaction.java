package io.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract method as a transaction function. Its first parameter is the {@link Context}; the others are
 * converted from the transaction's arguments; the return value becomes the response payload.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {
    /** Whether clients submit the transaction (writes go to the ledger) or only evaluate it (a query). */
    enum TYPE {
        SUBMIT,
        EVALUATE
    }

    TYPE intent() default TYPE.SUBMIT;

    /** The function name clients call; the method's name when empty. */
    String name() default "";
}
