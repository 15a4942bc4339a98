"""The root URLconf: every floor's pages, under the language prefix but for staff files."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from applications import views as application_views
from panels.api.api import urls as api_urls
from panels.programme import document_views
from panels.statements import views as statement_views
from presessions import views as home_views
from presessions.attendance import views
from presessions.site import views as site_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # The open read API: outside the language prefix, its language chosen by ?lang= or
    # Accept-Language (panels/api/).
    path("api/v1/", api_urls()),
    path(
        "staff/accreditation/check/<str:token>/",
        views.accreditation_check,
        name="accreditation-check",
    ),
    path(
        "staff/statements/<int:pk>/files/<int:item>/",
        statement_views.staff_statement_file,
        name="statement-staff-file",
    ),
    path(
        "staff/observer-documents/<int:pk>/",
        document_views.staff_observer_document,
        name="observer-document-staff-file",
    ),
    path(
        "staff/applications/<int:pk>/report/",
        application_views.download_report,
        name="application-report",
    ),
]

urlpatterns += i18n_patterns(
    # Inside the language prefix, so that the switcher knows the language of the page
    # it was used on and can send the visitor to the same page in the other language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", home_views.home, name="home"),
    path("series/<int:number>/", site_views.series_detail, name="series-detail"),
    path(
        "series/<int:number>/accreditation/",
        views.accreditation_request,
        name="accreditation-request",
    ),
    path(
        "series/<int:number>/accreditation/received/",
        views.accreditation_received,
        name="accreditation-received",
    ),
    path("accreditation/pass/<str:token>/", views.accreditation_pass, name="accreditation-pass"),
    path("mailing-list/", views.mailing_subscribe, name="mailing-subscribe"),
    path("series/<int:number>/events/", views.event_list, name="event-list"),
    path(
        "series/<int:number>/events/<int:pk>/register/",
        views.event_register,
        name="event-register",
    ),
    path("events/cancel/<str:token>/", views.event_cancel, name="event-cancel"),
    path("mailing-list/confirm/<str:token>/", views.mailing_confirm, name="mailing-confirm"),
    path(
        "mailing-list/unsubscribe/<str:token>/",
        views.mailing_unsubscribe,
        name="mailing-unsubscribe",
    ),
    path("", include("applications.urls")),
    path("", include("panels.urls")),
)
