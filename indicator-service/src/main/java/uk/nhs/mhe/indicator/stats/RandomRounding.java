package uk.nhs.mhe.indicator.stats;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Unbiased random rounding to base 5, made repeatable by a secret key (Hundepool et al.,
 * <i>Statistical Disclosure Control</i>, 2012, §5.4; the rounding Statistics New Zealand and
 * others publish census tables with). A count that is a multiple of 5 is unchanged; any other is
 * rounded up to the next multiple with probability (count mod 5) / 5 and down otherwise, so
 * that the rounded count is on average the true one.
 * <p>Why random rather than nearest: a count rounded to the nearest 5 is known to ±2, and where
 * many published tables overlap (areas nested in regions, nested breakdowns, months inside
 * years) those narrow intervals intersect and pin small counts (the attacker audit,
 * {@code DisclosureAuditTest}, found dozens). A randomly rounded count r may be anything from
 * r − 4 to r + 4, which on the same tables pins none.
 * <p>Why keyed: the "coin" for a count is HMAC-SHA256(secret, scope + count), not a fresh random
 * draw, so that asking again returns the same figure (fresh draws could be averaged away) and
 * the same count rounds the same way wherever it is published within one scope (an ICB that is
 * its region's only ICB, a month that is its year's only month): two independent roundings of
 * one count would intersect to less than ±4. Without the secret the direction cannot be
 * predicted. The scope is the indicator, so one indicator's pattern says nothing of another's.
 * <p>Hand-written because no maintained Java library implements tabular random rounding;
 * the JDK's HMAC does the cryptography.
 */
public final class RandomRounding {

    /** Counts are rounded to a multiple of this. */
    public static final long BASE = 5;

    /** The shortest secret accepted: a short one could be found by trying candidates. */
    public static final int MIN_SECRET_LENGTH = 32;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public RandomRounding(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the rounding secret must be at least " + MIN_SECRET_LENGTH
                    + " characters long");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The count rounded to a multiple of 5 (up with probability (count mod 5) / 5); 0 stays 0. */
    public long round(String scope, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + count);
        }
        long remainder = count % BASE;
        long down = count - remainder;
        if (remainder == 0) {
            return count;
        }
        return coin(scope, count) < (double) remainder / BASE ? down + BASE : down;
    }

    /** A number in [0, 1) fixed by the secret, the scope and the count. */
    double coin(String scope, long count) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal((scope + '\u0000' + count).getBytes(StandardCharsets.UTF_8));
        return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
