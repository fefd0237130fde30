package uk.nhs.mhe.library.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Previous / next and numbered page links of a result list (NHS.UK pagination component). Pure:
 * {@code hrefOf} turns a 1-based page number into the link that keeps the rest of the query.
 */
public record Pagination(int page, int pages, String previous, String next, List<Link> links) {

    public record Link(int number, String href, boolean current) {
    }

    /** At most this many numbered links, centred on the current page. */
    static final int WINDOW = 7;

    public static Pagination of(long total, int page, int size, java.util.function.IntFunction<String> hrefOf) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int current = Math.min(Math.max(page, 1), pages);
        int first = Math.max(1, Math.min(current - WINDOW / 2, pages - WINDOW + 1));
        int last = Math.min(pages, first + WINDOW - 1);
        List<Link> links = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            links.add(new Link(n, hrefOf.apply(n), n == current));
        }
        return new Pagination(current, pages, current > 1 ? hrefOf.apply(current - 1) : null,
                current < pages ? hrefOf.apply(current + 1) : null, links);
    }

    public boolean needed() {
        return pages > 1;
    }
}
