package uk.nhs.mhe.ingest.validation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Exact uniqueness of one field's values over a whole submission, in bounded memory.
 * <p>
 * A {@code HashSet<String>} costs ~80–100 bytes per value on the heap; a national month (millions
 * of records) would not stay flat. Here the heap holds only an open-addressing table of
 * <em>12 bytes per slot</em> (a 64-bit hash in a {@code long[]} and the value's position in a
 * spill file in an {@code int[]}, load factor ≤ 0.75, so ~16–24 bytes per value), and the values
 * themselves go to a temporary file, 8-byte aligned. A new value whose 64-bit hash is not in the
 * table is new (no false negatives are possible). Only when the hash is already present — a real
 * duplicate, or a 64-bit hash collision, which at a million values happens about once in 10^7
 * submissions — is the earlier value read back from the file and compared byte for byte, so the
 * answer is exact, never probabilistic. Collisions simply continue probing.
 * <p>
 * Not thread-safe; one instance per field per submission. {@link #close} deletes the file.
 */
public final class UniqueValues implements AutoCloseable {

    private static final float LOAD = 0.75f;

    private long[] hashes;
    private int[] positions; // (file offset / 8) + 1; 0 = empty slot
    private int size;
    private int mask;
    private Path file;
    private OutputStream out;
    private FileChannel channel;
    private long written;
    private long flushed;

    private final java.util.function.ToLongFunction<byte[]> hasher;

    public UniqueValues() {
        this(1 << 14, UniqueValues::hash);
    }

    /** For tests: a chosen hash function (e.g. a constant, to force every value to collide). */
    UniqueValues(int initialCapacity, java.util.function.ToLongFunction<byte[]> hasher) {
        this.hasher = hasher;
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1;
        hashes = new long[cap];
        positions = new int[cap];
        mask = cap - 1;
    }

    /** Adds {@code value}; returns false when it was already present (a duplicate). */
    public boolean add(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long h = hasher.applyAsLong(bytes);
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (positions[slot] != 0) {
            if (hashes[slot] == h && sameAs(positions[slot], bytes)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = h;
        positions[slot] = spill(bytes);
        if (++size > mask * LOAD) {
            grow();
        }
        return true;
    }

    public int size() {
        return size;
    }

    /** Bytes of heap held by the table. */
    public long tableBytes() {
        return (long) hashes.length * (Long.BYTES + Integer.BYTES);
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldPositions = positions;
        int cap = oldHashes.length << 1;
        hashes = new long[cap];
        positions = new int[cap];
        mask = cap - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldPositions[i] != 0) {
                long h = oldHashes[i];
                int slot = (int) (h ^ (h >>> 32)) & mask;
                while (positions[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = h;
                positions[slot] = oldPositions[i];
            }
        }
    }

    /** Appends the value (2-byte length, bytes, padding to 8) and returns its slot reference. */
    private int spill(byte[] bytes) {
        try {
            if (out == null) {
                file = Files.createTempFile("mhe-unique-", ".bin");
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            long at = written;
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes);
            int length = 2 + bytes.length;
            int pad = (8 - (length & 7)) & 7;
            for (int i = 0; i < pad; i++) {
                out.write(0);
            }
            written += length + pad;
            return (int) (at >>> 3) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean sameAs(int reference, byte[] bytes) {
        try {
            long at = (long) (reference - 1) << 3;
            if (at + 2 + bytes.length > flushed) {
                out.flush();
                flushed = written;
            }
            ByteBuffer buffer = ByteBuffer.allocate(2 + bytes.length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    break;
                }
            }
            buffer.flip();
            int length = ((buffer.get() & 0xff) << 8) | (buffer.get() & 0xff);
            if (length != bytes.length) {
                return false;
            }
            byte[] stored = new byte[length];
            buffer.get(stored);
            return Arrays.equals(stored, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 64-bit FNV-1a over the bytes, then the MurmurHash3 finaliser to spread the bits. */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
                channel.close();
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
