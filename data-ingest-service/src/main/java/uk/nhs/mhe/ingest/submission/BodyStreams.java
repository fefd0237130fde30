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

    /** Decompresses gzip as it is read; a corrupt stream is a 400 problem, never a 5xx. */
    static InputStream gunzip(InputStream in) {
        try {
            GZIPInputStream gz = new GZIPInputStream(in, 1 << 16);
            return new FilterInputStream(gz) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (IOException e) {
                        throw malformedGzip(String.valueOf(e.getMessage()));
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        throw malformedGzip(String.valueOf(e.getMessage()));
                    }
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
