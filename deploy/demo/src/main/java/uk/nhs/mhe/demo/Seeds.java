package uk.nhs.mhe.demo;

/**
 * Derives independent, reproducible random seeds from a run seed and the identity of what is being
 * generated (trust, person, month), so any one submission can be regenerated on its own, in any
 * order or thread, and come out identical.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long... parts) {
        long h = 0x2545F4914F6CDD1DL;
        for (long p : parts) {
            h = splitMix(h ^ p);
        }
        return h;
    }

    static long of(String s) {
        return s.hashCode(); // String.hashCode is specified, so stable across JVMs
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
