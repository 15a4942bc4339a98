from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from applications import views as application_views

from . import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "staff/applications/<int:pk>/report/",
        application_views.download_report,
        name="application-report",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("series/<int:number>/", views.series_detail, name="series-detail"),
    path("", include("applications.urls")),
)
