package io.weft.ledger.internal;

import io.weft.ledger.LedgerException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte encodings of state keys. A state key in the store is {@code UTF-8(namespace) 0x00 UTF-8(key)}; namespaces
 * never contain U+0000, so one namespace's keys are contiguous and sort by unsigned UTF-8 bytes, as Go sorts strings.
 */
public final class Keys {
    private static final ThreadLocal<CharsetEncoder> ENCODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Keys() {}

    /** Strict UTF-8: a string with a lone surrogate is not a valid Fabric key. */
    public static byte[] utf8(String s, String what) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        try {
            ByteBuffer buffer = ENCODER.get().reset().encode(CharBuffer.wrap(s));
            return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset(), buffer.arrayOffset() + buffer.limit());
        } catch (CharacterCodingException e) {
            throw new LedgerException(what + " is not valid UTF-8 (lone surrogate): " + printable(s), e);
        }
    }

    public static String string(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public static void checkNamespace(String namespace) {
        if (namespace.indexOf('\u0000') >= 0) {
            throw new LedgerException("namespace may not contain U+0000: " + printable(namespace));
        }
    }

    /** {@code namespace 0x00}: the prefix of every state key of the namespace. */
    public static byte[] namespacePrefix(String namespace) {
        checkNamespace(namespace);
        byte[] ns = utf8(namespace, "namespace");
        byte[] out = Arrays.copyOf(ns, ns.length + 1);
        return out;
    }

    /** {@code namespace 0x01}: just above every state key of the namespace. */
    public static byte[] namespaceEnd(String namespace) {
        byte[] out = namespacePrefix(namespace);
        out[out.length - 1] = 1;
        return out;
    }

    public static byte[] stateKey(String namespace, String key) {
        return concat(namespacePrefix(namespace), utf8(key, "key"));
    }

    public static byte[] stateKey(byte[] namespacePrefix, String key) {
        return concat(namespacePrefix, utf8(key, "key"));
    }

    /** The key part of a state key whose namespace prefix has {@code prefixLength} bytes. */
    public static String keyOf(byte[] stateKey, int prefixLength) {
        return string(stateKey, prefixLength, stateKey.length - prefixLength);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    public static long longOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    public static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x10FFFF) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('"').toString();
    }
}
