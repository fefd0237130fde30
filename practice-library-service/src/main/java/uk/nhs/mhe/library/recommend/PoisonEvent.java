package uk.nhs.mhe.library.recommend;

/**
 * An event that can never be applied as it is (no CloudEvents headers, an unknown type,
 * unreadable JSON, required fields missing). It goes to the dead-letter topic with this message
 * as the reason; every other failure (database restart, lock timeout...) is retried in place.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
