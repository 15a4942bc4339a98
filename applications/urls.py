from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("series/<int:number>/apply/", views.apply, name="apply"),
    path("apply/received/", views.received, name="received"),
    path("application/<str:token>/", views.private, name="private"),
    path("application/<str:token>/edit/", views.private_edit, name="edit"),
    path("application/<str:token>/answer/", views.private_answer, name="answer"),
    path("application/<str:token>/withdraw/", views.private_withdraw, name="withdraw"),
]
