"""The exemplary models on the democracy portal: only the recognised ones, with their photos."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dancoso.core.lists import page_of, valid_filters
from dancoso.core.uploads import file_download
from emulation.forms.exemplars import PublicExemplarForm
from emulation.selectors import exemplars as selectors

PUBLIC_PAGE_SIZE = 12


def exemplar_list(request: HttpRequest) -> HttpResponse:
    form = PublicExemplarForm(request.GET)
    exemplars = selectors.public_exemplars(filters=valid_filters(form))
    context = {"form": form, "page_obj": page_of(request, exemplars, size=PUBLIC_PAGE_SIZE)}
    return render(request, "portal/exemplar_list.html", context)


def exemplar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/exemplar_detail.html", {"exemplar": selectors.get_public_exemplar(pk)})


def photo(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_public_photo(pk).image, inline=True)
