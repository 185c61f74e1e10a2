package io.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Descriptive information about a contract for its metadata. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Info {
    String title() default "";

    String description() default "";

    String version() default "";

    String termsOfService() default "";

    License license() default @License;

    Contact contact() default @Contact;
}
