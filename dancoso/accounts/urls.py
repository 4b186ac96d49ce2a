from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from dancoso.accounts import views
from dancoso.accounts.forms import LoginForm

user_patterns = (
    [
        path("", views.user_list, name="user_list"),
        path("new/", views.user_create, name="user_create"),
        path("<int:pk>/", views.user_detail, name="user_detail"),
        path("<int:pk>/edit/", views.user_update, name="user_update"),
        path("<int:pk>/password/", views.user_set_password, name="user_set_password"),
        path("<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    ],
    "accounts",
)

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("users/", include(user_patterns)),
]
