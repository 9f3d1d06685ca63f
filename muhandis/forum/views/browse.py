"""Finding one's way in the forum: the front page (categories with their counts, the latest
and unanswered questions, the tag cloud, a search box), a category's and a tag's questions,
and the search (Latin or Cyrillic letters alike)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ..forms import SearchForm
from ..selectors import pages, topics
from ..selectors import search as searching

LATEST = 10
SEARCH_HITS = 50


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "tree": topics.categories(),
        "latest": topics.latest_topics()[:LATEST],
        "unanswered": topics.unanswered_topics()[:LATEST],
        "tags": sorted(topics.popular_tags(limit=40)),
        "search_form": SearchForm(),
    }
    return render(request, "forum/page_index.html", context)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = pages.category_of(slug)
    context = {
        "category": found,
        "children": list(found.children.all()) if found.parent_id is None else [],
        "page": pages.paged(topics.latest_topics(category=found), request.GET.get("page")),
        "query": _query(request),
    }
    return render(request, "forum/page_category.html", context)


def tag(request: HttpRequest, name: str) -> HttpResponse:
    found = pages.tag_of(name)
    context = {
        "tag": found,
        "page": pages.paged(topics.latest_topics(tag=found.name), request.GET.get("page")),
        "query": _query(request),
    }
    return render(request, "forum/page_tag.html", context)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        hits = searching.search(query=form.cleaned_data["q"], limit=SEARCH_HITS)
    context = {"form": form, "hits": hits, "limit": SEARCH_HITS}
    return render(request, "forum/page_search.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("", index, name="index"),
    path("c/<slug:slug>/", category, name="category"),
    path("tags/<str:name>/", tag, name="tag"),
    path("search/", search, name="search"),
]
