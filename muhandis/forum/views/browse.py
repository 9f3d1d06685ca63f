"""Finding one's way in the forum: the front page (categories with their counts, the latest
and unanswered questions, the tag cloud, a search box), a category's and a tag's questions,
and the search (Latin or Cyrillic letters alike)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ..forms import SearchForm
from ..selectors import pages


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "tree": pages.category_tree(),
        "latest": pages.latest_topics(),
        "unanswered": pages.unanswered_topics(),
        "tags": pages.tag_cloud(),
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
        "children": pages.subcategories(found),
        "page": pages.category_topics(found, page=request.GET.get("page")),
        "query": _query(request),
    }
    return render(request, "forum/page_category.html", context)


def tag(request: HttpRequest, name: str) -> HttpResponse:
    found = pages.tag_of(name)
    context = {
        "tag": found,
        "page": pages.tag_topics(found, page=request.GET.get("page")),
        "query": _query(request),
    }
    return render(request, "forum/page_tag.html", context)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        page = pages.search(form.cleaned_data["q"], page=request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request)}
    return render(request, "forum/page_search.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("", index, name="index"),
    path("c/<slug:slug>/", category, name="category"),
    path("tags/<str:name>/", tag, name="tag"),
    path("search/", search, name="search"),
]
