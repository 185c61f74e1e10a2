package io.weft.shim.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A property of a {@link DataType}: {@link #name()} sets its JSON name (so a Java field {@code assetId} can be {@code
 * "ID"}); {@link #schema()} adds JSON-schema pairs to the metadata ({@code {"pattern", "^[a-z]+$"}}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Property {
    /** The JSON name; the field's name when empty. */
    String name() default "";

    /** Alternating keys and values added to the property's schema in the metadata. */
    String[] schema() default {};
}
