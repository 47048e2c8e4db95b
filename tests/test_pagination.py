"""Every list that finds its own page (initiatives, practices, search) pages the same way."""
from samverkan.pagination import Page


def test_an_empty_list_is_one_page_without_neighbours():
    page = Page([], 1, 20, 0)
    assert (page.pages, page.has_prev, page.has_next, page.prev_num, page.next_num) == (1, False, False, None, None)


def test_the_pages_cover_the_total_up_to_the_last_page_the_list_offers():
    assert Page([], 1, 20, 101).pages == 6
    last = Page([], 5, 20, 101, max_pages=5)
    assert last.pages == 5 and not last.has_next and last.prev_num == 4
    middle = Page(["a", "b"], 3, 20, 101)
    assert (middle.prev_num, middle.next_num, list(middle)) == (2, 4, ["a", "b"])
