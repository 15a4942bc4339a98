from django.urls import path

from panels import private_page
from panels.guide import views as guide_views
from panels.programme import document_views, views
from panels.record import views as record_views
from panels.statements import views as statement_views

app_name = "panels"

urlpatterns = [
    # The applicant's private page (its link is applications.access.private_url).
    path("application/<str:token>/", private_page.private, name="private"),
    path("application/<str:token>/answer/", private_page.private_answer, name="answer"),
    path("application/<str:token>/decline/", private_page.private_decline, name="decline"),
    path("application/<str:token>/withdraw/", private_page.private_withdraw, name="withdraw"),
    path("how-the-pre-sessions-work/", guide_views.how_it_works, name="how-it-works"),
    path("series/<int:number>/practical-information/", guide_views.series_guide, name="guide"),
    path(
        "series/<int:number>/practical-information/<slug:document>/",
        guide_views.guide_document,
        name="guide-document",
    ),
    path("series/<int:number>/programme/", views.programme, name="programme"),
    path("series/<int:number>/programme/print/", views.programme_print, name="programme-print"),
    path("series/<int:number>/programme.ics", views.programme_ics, name="programme-ics"),
    path("series/<int:number>/programme/<str:code>.ics", views.meeting_ics, name="meeting-ics"),
    path(
        "series/<int:number>/programme/<str:code>/documents/<int:position>/",
        document_views.observer_document,
        name="observer-document",
    ),
    # An observer's documents for the missions, reached from the pass (its signed token).
    path(
        "accreditation/pass/<str:token>/documents/",
        document_views.observer_documents,
        name="observer-documents",
    ),
    path(
        "accreditation/pass/<str:token>/documents/<int:pk>/withdraw/",
        document_views.observer_document_withdraw,
        name="observer-document-withdraw",
    ),
    path("series/<int:number>/at-the-review/", statement_views.review_uptake, name="review-uptake"),
    # Statements: stable addresses, /statements/<series>/<country alpha-3>/<number>/.
    path("statements/", statement_views.statement_list, name="statements"),
    path("statements/feed/", statement_views.statement_feed, name="statement-feed"),
    path(
        "statements/recommendations/",
        statement_views.recommendation_list,
        name="recommendations",
    ),
    path("statements/<int:number>/", statement_views.statement_list, name="series-statements"),
    path(
        "statements/<int:number>/<str:code>/",
        statement_views.statement_list,
        name="country-statements",
    ),
    path(
        "statements/<int:number>/<str:code>/<int:position>/",
        statement_views.statement_detail,
        name="statement",
    ),
    path(
        "statements/<int:number>/<str:code>/<int:position>/file/",
        statement_views.statement_file,
        name="statement-file",
    ),
    path(
        "statements/<int:number>/<str:code>/<int:position>/materials/<int:item>/",
        statement_views.statement_file,
        name="statement-material",
    ),
    # The UPR record: who recommended what to whom at earlier reviews.
    path("record/", record_views.record_index, name="record"),
    path("record/search/", record_views.record_search, name="record-search"),
    path("record/approach/", record_views.record_approach, name="record-approach"),
    path("record/received/<str:code>/", record_views.record_received, name="record-received"),
    path("record/made/<str:code>/", record_views.record_made, name="record-made"),
    path(
        "application/<str:token>/statement/", statement_views.statement_edit, name="statement-edit"
    ),
    path(
        "application/<str:token>/statement/restrict/",
        statement_views.statement_restrict,
        name="statement-restrict",
    ),
]
