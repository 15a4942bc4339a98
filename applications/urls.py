from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("series/<int:number>/apply/", views.apply, name="apply"),
    path("apply/received/", views.received, name="received"),
    path("application/<str:token>/edit/", views.private_edit, name="edit"),
]
