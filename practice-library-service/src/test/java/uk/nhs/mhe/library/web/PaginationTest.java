package uk.nhs.mhe.library.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaginationTest {

    @Test
    void onePageNeedsNoPagination() {
        Pagination p = Pagination.of(7, 1, 20, n -> "?page=" + n);
        assertFalse(p.needed());
        assertNull(p.previous());
        assertNull(p.next());
    }

    @Test
    void linksAreCentredOnTheCurrentPage() {
        Pagination p = Pagination.of(1000, 25, 20, n -> "?page=" + n);
        assertEquals(50, p.pages());
        assertEquals(22, p.links().get(0).number());
        assertEquals(28, p.links().get(6).number());
        assertTrue(p.links().get(3).current());
        assertEquals("?page=24", p.previous());
        assertEquals("?page=26", p.next());
    }

    @Test
    void aPageBeyondTheEndShowsTheLastPage() {
        Pagination p = Pagination.of(41, 9, 20, n -> "?page=" + n);
        assertEquals(3, p.page());
        assertNull(p.next());
        assertEquals(1, p.links().get(0).number());
    }
}
