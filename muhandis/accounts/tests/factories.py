import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from muhandis.accounts import services
from muhandis.accounts.models import Organisation, Region, User

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRETMUHAND"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.uz")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Engineering firm {n}")
    kind = "engineering_firm"
    country = "UZ"
    tax_number = factory.Sequence(lambda n: f"{300000000 + n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="UZ-TK"))
    size_band = "small"


def make_person(role: str | None, *, two_factor: bool = False, **fields) -> User:
    user = UserFactory(**fields)
    if role is not None:
        services.grant_role(user=user, role=role, actor=None, reason="test persona")
    if two_factor:
        TOTP.activate(user, TOTP_SECRET)
    return user


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``. Near the end of a 30-second
    period it waits for the next one, as a person would: a code typed after its period ends is
    refused (no tolerance is configured), which made browser sign-ins fail now and then."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
