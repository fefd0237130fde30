package uk.nhs.mhe.indicator.admin;

/**
 * What a rebuild did.
 *
 * @param eventsReplayed     submission events read from the topic and applied (duplicates included)
 * @param eventsSkipped      events that can never be applied (the consumer dead-letters them too)
 * @param submissionsCurrent submissions current afterwards (dataset, provider and month)
 * @param values             indicator values afterwards
 * @param valuesChanged      values that differ from before the rebuild (0 when nothing had drifted)
 */
public record RebuildResult(long eventsReplayed, long eventsSkipped, long submissionsCurrent, long values,
        long valuesChanged) {
}
