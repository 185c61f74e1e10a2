package io.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (a record or a bean with a no-argument constructor) passed to or returned from transactions as JSON.
 * Optional: any such class is converted; the annotation documents intent, as in fabric-chaincode-shim.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DataType {
    String namespace() default "";
}
