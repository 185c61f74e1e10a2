package io.weft.peer.config;

import java.util.Map;

/** The process environment; the one place Weft reads it (commands pass the map down). */
public final class Environment {
    private Environment() {}

    public static Map<String, String> system() {
        return System.getenv();
    }
}
