from django.urls import path

from applications import views
from applications.call_alerts import views as alert_views

app_name = "applications"

urlpatterns = [
    path("series/<int:number>/apply/", views.apply, name="apply"),
    path("apply/received/", views.received, name="received"),
    path("application/<str:token>/edit/", views.private_edit, name="edit"),
    path("call-alerts/", alert_views.alert_subscribe, name="alert-subscribe"),
    path("call-alerts/sent/", alert_views.alert_sent, name="alert-sent"),
    path("call-alerts/confirm/<str:token>/", alert_views.alert_confirm, name="alert-confirm"),
    path(
        "call-alerts/unsubscribe/<str:token>/",
        alert_views.alert_unsubscribe,
        name="alert-unsubscribe",
    ),
]
