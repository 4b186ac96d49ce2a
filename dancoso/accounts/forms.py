from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from dancoso.accounts.models import Role, User
from dancoso.accounts.services import USER_FIELDS
from dancoso.agencies.models import Agency
from dancoso.agencies.selectors import agency_choices


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Please check and try again."),
        "inactive": _("This account has been disabled. Contact the Department of Home Affairs."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Username, name or email"))
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    agency = forms.ModelChoiceField(
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
