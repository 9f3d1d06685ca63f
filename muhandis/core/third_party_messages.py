"""Messages of Django and allauth that our catalogue translates again (see
``scripts/uz_third_party.py``, which writes this module): their Uzbek writes oʻ, gʻ and
ʼ with an ASCII apostrophe. Listed so that makemessages keeps them in ``locale/``;
never imported."""

# ruff: noqa: E501
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

MESSAGES = (
    pgettext_lazy("action", "Change Phone"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "December"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "September"),
    gettext_lazy(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_lazy("Save them  in a secure location now — they won't be shown again."),
    gettext_lazy(
        "URI '{}' contains more than one wildcard (*). Only one wildcard per URI is allowed."
    ),
    gettext_lazy("Wildcards are not allowed unless 'Allow URI wildcards' is enabled."),
    gettext_lazy(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_lazy(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    gettext_lazy("%(client_name)s wants to access your %(site_name)s account."),
    gettext_lazy(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."
    ),
    gettext_lazy("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    gettext_lazy("%(from)s-%(to)s relationship"),
    gettext_lazy("%(from)s-%(to)s relationships"),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", 1),
    gettext_lazy(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
    gettext_lazy("A JSON object"),
    gettext_lazy(
        "A list of allowed grant types. Provide one value per line, e.g.: authorization_code(ENTER)client_credentials(ENTER)refresh_token(ENTER)"
    ),
    gettext_lazy("A list of allowed origins for cross-origin requests, one per line."),
    gettext_lazy(
        "A list of allowed response types. Provide one value per line, e.g.: code(ENTER)id_token token(ENTER)"
    ),
    gettext_lazy("A new security key has been added."),
    gettext_lazy("A new set of Two-Factor Authentication recovery codes has been generated."),
    gettext_lazy("A new set of recovery codes has been generated."),
    gettext_lazy("A user is already registered with this email address."),
    gettext_lazy("A user is already registered with this phone number."),
    gettext_lazy("API secret, client secret, or consumer secret"),
    gettext_lazy("Add Email Address"),
    gettext_lazy("Add Email"),
    gettext_lazy("Add Security Key"),
    gettext_lazy("Add a Third-Party Account"),
    gettext_lazy("Add"),
    gettext_lazy(
        "Allow wildcards (*) in redirect URIs and CORS origins. When enabled, URIs can contain a single asterisk to match subdomains."
    ),
    gettext_lazy(
        "An account already exists with this email address. Please sign in to that account first, then connect your %s account."
    ),
    gettext_lazy("App ID, or consumer key"),
    gettext_lazy("Be patient, you are sending too many requests."),
    gettext_lazy("Boolean (Either True or False)"),
    gettext_lazy("Boolean (Either True, False or None)"),
    gettext_lazy("CSRF verification failed. Request aborted."),
    gettext_lazy("Cancel Change"),
    gettext_lazy("Change Email"),
    gettext_lazy("Change Password"),
    gettext_lazy("Change Phone"),
    gettext_lazy("Change password: %s"),
    gettext_lazy("Change to"),
    gettext_lazy("Change"),
    gettext_lazy("Changing to"),
    gettext_lazy("Client credentials"),
    gettext_lazy("Connect, get help, or contribute"),
    gettext_lazy("Decimal number"),
    gettext_lazy("Delete"),
    gettext_lazy("Directory indexes are not allowed here."),
    gettext_lazy("Do you really want to remove the selected email address?"),
    gettext_lazy("Edit Security Key"),
    gettext_lazy("Edit"),
    gettext_lazy("Email Changed"),
    gettext_lazy("Empty list and “%(class_name)s.allow_empty” is False."),
    gettext_lazy(
        "Enabling passwordless operation allows you to sign in using just this key, but imposes additional requirements such as biometrics or PIN protection."
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        1,
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        1,
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        1,
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        1,
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        1,
    ),
    gettext_lazy("Enter a complete value."),
    gettext_lazy("Enter a list of values."),
    gettext_lazy("Enter a valid IPv4 address."),
    gettext_lazy("Enter a valid IPv4 or IPv6 address."),
    gettext_lazy("Enter a valid IPv6 address."),
    gettext_lazy("Enter a valid URL."),
    gettext_lazy("Enter a valid UUID."),
    gettext_lazy("Enter a valid date."),
    gettext_lazy("Enter a valid date/time."),
    gettext_lazy("Enter a valid duration."),
    gettext_lazy("Enter a valid email address."),
    gettext_lazy("Enter a valid integer."),
    gettext_lazy("Enter a valid time."),
    gettext_lazy("Enter a valid value."),
    gettext_lazy(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
    ),
    gettext_lazy("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_lazy("Enter the code displayed on your device."),
    gettext_lazy("Failed to mark {email} as verified."),
    gettext_lazy(
        "Future %(verbose_name_plural)s not available because %(class_name)s.allow_future is False."
    ),
    gettext_lazy("I have saved my recovery codes"),
    gettext_lazy("If it was you, you can sign up for an account using the link below."),
    gettext_lazy(
        'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.'
    ),
    gettext_lazy(
        "If you choose to trust this browser, you will not be asked for a verification code the next time you sign in."
    ),
    gettext_lazy(
        "If you do not recognize this change then please take proper security precautions immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    gettext_lazy(
        "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests."
    ),
    gettext_lazy(
        "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests."
    ),
    gettext_lazy(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_lazy(
        "In case the client does not specify any scope, these default scopes are used. Provide one value per line, e.g.: openid(ENTER)profile(ENTER)email(ENTER)"
    ),
    gettext_lazy("In case you forgot, your username is %(username)s."),
    gettext_lazy("Incorrect code."),
    gettext_lazy("Incorrect password."),
    gettext_lazy("Invalid date string “%(datestr)s” given format “%(format)s”"),
    gettext_lazy("Invalid login."),
    gettext_lazy("Invalid or expired key."),
    gettext_lazy("Invalid page (%(page_number)s): %(message)s"),
    gettext_lazy("Invalid password format or unknown hashing algorithm."),
    gettext_lazy("Kyrgyz"),
    gettext_lazy("Last seen at"),
    gettext_lazy("MFA"),
    gettext_lazy("Make Primary"),
    gettext_lazy("Many-to-many relationship"),
    gettext_lazy("Mongolian"),
    gettext_lazy("More information is available with DEBUG=True."),
    gettext_lazy("No %(verbose_name)s found matching the query"),
    gettext_lazy('No access to private resources at "%s".'),
    gettext_lazy("No day specified"),
    gettext_lazy("No month specified"),
    gettext_lazy("No password set."),
    gettext_lazy("No security keys have been added."),
    gettext_lazy("No year specified"),
    gettext_lazy("No"),
    gettext_lazy("Null characters are not allowed."),
    gettext_lazy("Passkey Sign Up"),
    gettext_lazy("Passkey"),
    gettext_lazy("Password Changed"),
    gettext_lazy("Password Set"),
    gettext_lazy("Password changed successfully."),
    gettext_lazy("Personal info"),
    gettext_lazy("Please confirm the code shown on your %(client_name)s to authorize this device."),
    gettext_lazy("Please contact us if you have any trouble resetting your password."),
    gettext_lazy("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_lazy("Please correct the duplicate data for %(field)s."),
    gettext_lazy(
        "Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s in %(date_field)s."
    ),
    gettext_lazy("Please correct the duplicate values below."),
    gettext_lazy(
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
    ),
    gettext_lazy("Raw binary data"),
    gettext_lazy(
        'Raw passwords are not stored, so there is no way to see this user’s password, but you can change the password using <a href="{}">this form</a>.'
    ),
    gettext_lazy("Remove"),
    gettext_lazy("Request Code"),
    gettext_lazy("Request new code"),
    gettext_lazy("Security Key Added"),
    gettext_lazy("Security key added."),
    gettext_lazy("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_lazy("Select a valid choice. That choice is not one of the available choices."),
    gettext_lazy("Set Password"),
    gettext_lazy("Sign Up Closed"),
    gettext_lazy("Sign Up"),
    gettext_lazy("Sign in with a passkey"),
    gettext_lazy("Sign up using a passkey"),
    gettext_lazy("Signup"),
    gettext_lazy("That page contains no results"),
    gettext_lazy("The email address and/or password you specified are not correct."),
    gettext_lazy("The following email addresses are associated with your account:"),
    gettext_lazy("The install worked successfully! Congratulations!"),
    gettext_lazy("The number of days must be between {min_days} and {max_days}."),
    gettext_lazy("The password is too similar to the %(verbose_name)s."),
    gettext_lazy(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_lazy("The phone number and/or password you specified are not correct."),
    gettext_lazy(
        "The scope(s) the client is allowed to request. Provide one value per line, e.g.: openid(ENTER)profile(ENTER)email(ENTER)"
    ),
    gettext_lazy("The submitted file is empty."),
    gettext_lazy("The username and/or password you specified are not correct."),
    gettext_lazy("This email address is already associated with this account."),
    gettext_lazy(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_lazy("This field cannot be blank."),
    gettext_lazy("This field cannot be null."),
    gettext_lazy("This field is required."),
    gettext_lazy("This is not a valid IPv6 address."),
    gettext_lazy("This key does not indicate whether it is a passkey."),
    gettext_lazy("This mail can be safely ignored if you did not initiate this action."),
    gettext_lazy(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. "
    ),
    gettext_lazy("This password is entirely numeric."),
    gettext_lazy("This password is too common."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    gettext_lazy("Too many failed login attempts. Try again later."),
    gettext_lazy("Topics, references, &amp; how-to’s"),
    gettext_lazy("Traditional Chinese"),
    gettext_lazy("Tutorial: A Polling App"),
    gettext_lazy(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_lazy("Unknown Account"),
    gettext_lazy("Unknown"),
    gettext_lazy(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_lazy("Usage"),
    gettext_lazy("Username can not be used. Please use other username."),
    gettext_lazy("Uzbek"),
    gettext_lazy("Value %(value)r is not a valid choice."),
    gettext_lazy("Value must be valid JSON."),
    gettext_lazy(
        'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" rel="noopener">release notes</a> for Django %(version)s'
    ),
    gettext_lazy("View your basic profile information"),
    gettext_lazy("View your email address"),
    gettext_lazy("View your user ID"),
    gettext_lazy("View"),
    gettext_lazy(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_lazy(
        "You are about to create a passkey for your account. As you can add additional keys later on, you can use a descriptive name to tell the keys apart."
    ),
    gettext_lazy(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    gettext_lazy(
        "You are about to use your %(provider_name)s account to login to\n%(site_name)s. As a final step, please complete the following form:"
    ),
    gettext_lazy(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    gettext_lazy(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_lazy(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_lazy(
        "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_lazy(
        'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.'
    ),
    gettext_lazy(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_lazy("You cannot add more than %d email addresses."),
    gettext_lazy("You cannot deactivate two-factor authentication."),
    gettext_lazy("You currently have no third-party accounts connected to this account."),
    ngettext_lazy(
        "You have added %(count)s security key.", "You have added %(count)s security keys.", 1
    ),
    gettext_lazy("Your account has no verified email address."),
    gettext_lazy("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_lazy("Your old password was entered incorrectly. Please enter it again."),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("Your password can’t be entirely numeric."),
    gettext_lazy("Your password can’t be too similar to your other personal information."),
    gettext_lazy("Your password has been changed."),
    gettext_lazy("Your password is now changed."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    ),
    gettext_lazy("date joined"),
    gettext_lazy("extra data"),
    gettext_lazy("last login"),
    gettext_lazy("sent"),
    gettext_lazy("yes,no,maybe"),
    gettext_lazy("“%(pk)s” is not a valid value."),
    gettext_lazy("“%(value)s” is not a valid UUID."),
    gettext_lazy("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."
    ),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."
    ),
    gettext_lazy(
        "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."
    ),
    gettext_lazy(
        "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."
    ),
    gettext_lazy(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."
    ),
    gettext_lazy(
        "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."
    ),
    gettext_lazy("“%(value)s” value must be a decimal number."),
    gettext_lazy("“%(value)s” value must be a float."),
    gettext_lazy("“%(value)s” value must be an integer."),
    gettext_lazy("“%(value)s” value must be either None, True or False."),
    gettext_lazy("“%(value)s” value must be either True or False."),
    gettext_lazy("“%(value)s” value must be either True, False, or None."),
)
