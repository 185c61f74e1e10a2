package io.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a class as a contract; its {@link Transaction} methods are called as {@code "name:function"}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {
    /** The contract's name; the class's simple name when empty. */
    String name() default "";

    /** Descriptive information, reported by {@code org.hyperledger.fabric:GetMetadata}. */
    Info info() default @Info;
}
