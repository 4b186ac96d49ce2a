from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from dancoso.accounts.models import Role, User
from dancoso.accounts.services import USER_FIELDS
from dancoso.agencies.forms import AgencyChoiceField
from dancoso.agencies.models import Agency
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.widgets import LongSelect

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length
# Errors meaning no account can match what was typed: the login answers them as any wrong login.
IMPOSSIBLE_LOGIN_CODES = frozenset({"max_length", "null_characters_not_allowed"})


class LoginUsernameField(UsernameField):
    """The typed username, shown back without NULs and cut to the longest username an account can have."""

    def bound_data(self, data: Any, initial: Any) -> Any:
        if isinstance(data, str):
            return data.replace("\x00", "")[: self.max_length]
        return data


class LoginForm(AuthenticationForm):
    """The login page's form.

    An over-long username or a NUL in either field is refused before ``authenticate()`` runs: django-axes
    records every failed authentication with its username in a 255-character column, and PostgreSQL
    refuses NULs, so such a value would otherwise turn a wrong login into a server error.
    """

    username = LoginUsernameField(
        max_length=USERNAME_MAX_LENGTH, widget=forms.TextInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _("Wrong username or password. Please check and try again."),
        "inactive": _("This account has been disabled. Contact the Department of Home Affairs."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self) -> dict[str, Any]:
        impossible = [
            name for name, errors in self._errors.items() if _codes(errors) & IMPOSSIBLE_LOGIN_CODES
        ]
        if impossible:
            # Said as for any wrong login, so the page does not tell which part was malformed.
            for name in impossible:
                del self._errors[name]
            raise self.get_invalid_login_error()
        return super().clean()


def _codes(errors: Any) -> set[str]:
    return {error.code for error in errors.as_data()}


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=SEARCH_LENGTH, help_text=_("Username, name or email")
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    agency = AgencyChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("display_order", "name"),
        empty_label=_("All agencies"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Disabled"))],
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)


class UserForm(forms.ModelForm):
    """Role and agency of an account; retired agencies are not offered."""

    class Meta:
        model = User
        fields = ["username", *USER_FIELDS]
        widgets = {"agency": LongSelect}
        labels = {"username": _("Username"), "is_active": _("Account active")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_choices()
        self.fields["full_name"].required = True
        if self.instance.pk:
            # The username is how the person logs in and how the history names them.
            del self.fields["username"]
        else:
            del self.fields["is_active"]

    def changes(self) -> dict[str, Any]:
        """The account's new details, for ``user_update`` (the username is shown, never changed)."""
        return {name: self.cleaned_data[name] for name in USER_FIELDS}


class PasswordPairForm(forms.Form):
    """A new password typed twice and checked against the password rules; it is never shown back."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput,
        help_text=lazy(password_validators_help_text_html, str)(),
    )
    password2 = forms.CharField(label=_("New password again"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_owner = user
        for field in ("password1", "password2"):
            self.fields[field].widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_passwords(self.password_owner)
        return cleaned

    def check_passwords(self, owner: User | None) -> None:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if not (first and second):
            return
        if first != second:
            self.add_error("password2", _("The two passwords do not match."))
            return
        try:
            validate_password(first, owner)
        except ValidationError as exc:
            self.add_error("password1", exc)


class UserCreateForm(UserForm, PasswordPairForm):
    """A new account with its first password."""

    def _post_clean(self) -> None:
        # Checked once the instance carries the typed username and name, so the similarity rule can
        # compare against them (ModelForm.clean does not call PasswordPairForm.clean).
        super()._post_clean()
        self.check_passwords(self.instance)
