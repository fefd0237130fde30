package uk.nhs.mhe.e2e;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The public view's rule for a count (docs/indicators.md, "Disclosure control"), computed here
 * independently of the service, as an auditor holding the deployment's rounding key could: 1–9
 * hidden, 0 shown, any other count randomly rounded to a multiple of 5 — up with probability
 * (count mod 5) / 5, the coin being HMAC-SHA256(key, indicator + NUL + count). (Whole breakdowns
 * under 20 are withheld too; the tables these tests read are larger.)
 */
final class PublicCount {

    private PublicCount() {
    }

    /** The published count, or null when hidden. */
    static Long of(String indicator, long count) {
        if (count > 0 && count < 10) {
            return null;
        }
        long remainder = count % 5;
        if (remainder == 0) {
            return count;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Platform.ROUNDING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((indicator + '\u0000' + count).getBytes(StandardCharsets.UTF_8));
            double coin = (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
            return count - remainder + (coin < remainder / 5.0 ? 5 : 0);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
