package uk.nhs.mhe.ingest.submission;

import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The streams a request body goes through: gzip decoding, the size limit, and counting. */
final class BodyStreams {

    private BodyStreams() {
    }

    static ProblemException malformedGzip(String detail) {
        return ProblemException.badRequest("malformed-gzip", "Malformed gzip body",
                "The body is sent with Content-Encoding: gzip but is not a valid gzip stream: " + detail);
    }

    /** Bytes any body may expand to before the ratio limit applies (small files compress well too). */
    static final long RATIO_ALLOWANCE = 1 << 20;

    /**
     * Decompresses gzip as it is read; a corrupt stream is a 400 problem, never a 5xx. A body
     * that expands more than {@code maxRatio} times (past the first MiB) is a decompression bomb:
     * 413 before it fills the disk, whatever the size limit.
     */
    static InputStream gunzip(InputStream in, int maxRatio) {
        Limited compressed = new Limited(in, Long.MAX_VALUE);
        try {
            GZIPInputStream gz = new GZIPInputStream(compressed, 1 << 16);
            return new FilterInputStream(gz) {
                private long expanded;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n;
                    try {
                        n = super.read(b, off, len);
                    } catch (IOException e) {
                        throw malformedGzip(String.valueOf(e.getMessage()));
                    }
                    if (n > 0) {
                        expanded += n;
                        if (expanded > RATIO_ALLOWANCE && expanded > (double) maxRatio * compressed.count()) {
                            throw new ProblemException(Problem.of("decompression-ratio-exceeded",
                                    "Body expands too much", 413, "The gzip body expands more than " + maxRatio
                                            + " times (" + compressed.count() + " bytes became more than " + expanded
                                            + "); real submissions compress far less. Send it uncompressed or "
                                            + "check the file").with("maxRatio", maxRatio));
                        }
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw malformedGzip(String.valueOf(e.getMessage()));
        }
    }

    /** Counts bytes read and stops with 413 past {@code limit} (after decompression: no gzip bombs). */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of("payload-too-large", "Submission too large", 413,
                "The body (after decompression) exceeds this service's limit of " + limit + " bytes; "
                        + "split the month into several datasets or ask the national data team to raise the limit")
                .with("limitBytes", limit));
    }
}
