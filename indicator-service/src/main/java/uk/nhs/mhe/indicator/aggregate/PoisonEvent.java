package uk.nhs.mhe.indicator.aggregate;

/**
 * An event that can never be applied as it is (unreadable, of an unknown type, or closing a
 * submission whose batches do not add up). It goes to the dead-letter topic with this message as
 * the reason; every other failure (database restart, lock timeout...) is retried in place.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
