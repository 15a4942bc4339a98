from django.urls import path

from . import views

app_name = "panels"

urlpatterns = [
    path("series/<int:number>/programme/", views.programme, name="programme"),
    path("series/<int:number>/programme/print/", views.programme_print, name="programme-print"),
    path("series/<int:number>/programme.ics", views.programme_ics, name="programme-ics"),
    path("series/<int:number>/programme/<str:code>.ics", views.meeting_ics, name="meeting-ics"),
]
