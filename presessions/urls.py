from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from applications import views as application_views
from panels import statement_views

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
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
        "staff/applications/<int:pk>/report/",
        application_views.download_report,
        name="application-report",
    ),
]

urlpatterns += i18n_patterns(
    # Inside the language prefix, so that the switcher knows the language of the page
    # it was used on and can send the visitor to the same page in the other language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", views.home, name="home"),
    path("series/<int:number>/", views.series_detail, name="series-detail"),
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
