package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import io.weft.ledger.LedgerException;

/** Unsigned LEB128 varints and length-prefixed fields for Weft's hand-written storage records. */
public final class Codec {
    private Codec() {}

    /** Appends to a growable buffer. */
    public static final class Writer {
        private byte[] buf;
        private int size;

        public Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int extra) {
            if (size + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
            }
        }

        public Writer writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
            return this;
        }

        public Writer writeVarLong(long value) {
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
            return this;
        }

        public Writer writeRaw(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
            return this;
        }

        public Writer writeRaw(ByteString bytes) {
            ensure(bytes.size());
            bytes.copyTo(buf, size);
            size += bytes.size();
            return this;
        }

        public Writer writeBytes(byte[] bytes) {
            return writeVarLong(bytes.length).writeRaw(bytes);
        }

        public Writer writeBytes(ByteString bytes) {
            return writeVarLong(bytes.size()).writeRaw(bytes);
        }

        public byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }

    /** Reads what a {@link Writer} wrote; a short or malformed record is a {@link LedgerException}. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final String what;

        public Reader(byte[] buf, String what) {
            this.buf = buf;
            this.what = what;
        }

        public int readByte() {
            check(1);
            return buf[pos++] & 0xFF;
        }

        public long readVarLong() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new LedgerException("malformed varint in " + what);
        }

        public int readLength() {
            long length = readVarLong();
            if (length < 0 || length > buf.length - pos) {
                throw new LedgerException("corrupt " + what + ": length " + length + " exceeds record");
            }
            return (int) length;
        }

        public byte[] readBytes() {
            int length = readLength();
            byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return out;
        }

        public ByteString readByteString() {
            int length = readLength();
            ByteString out = ByteString.copyFrom(buf, pos, length);
            pos += length;
            return out;
        }

        public String readString() {
            int length = readLength();
            String out = Keys.string(buf, pos, length);
            pos += length;
            return out;
        }

        public ByteString rest() {
            ByteString out = ByteString.copyFrom(buf, pos, buf.length - pos);
            pos = buf.length;
            return out;
        }

        public boolean atEnd() {
            return pos == buf.length;
        }

        private void check(int n) {
            if (pos + n > buf.length) {
                throw new LedgerException("corrupt " + what + ": record truncated at byte " + pos);
            }
        }
    }
}
