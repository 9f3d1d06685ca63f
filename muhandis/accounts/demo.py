"""Demo people, one per role, and a few organisations. Loading twice changes nothing."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from muhandis.accounts import services
from muhandis.accounts.models import Organisation, Region, RoleAssignment, User
from muhandis.accounts.roles import Role, requires_two_factor

DEMO_PASSWORD = "muhandis-demo-2026"  # noqa: S105  (printed on purpose: demo accounts only)
# A fixed base32 secret so that demo staff can add it to an authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPMUHANDIS"  # noqa: S105

PEOPLE = [
    (Role.ENGINEER, "engineer@demo.muhandis.uz", "Dilnoza", "Karimova", "female", "UZ-TK"),
    (Role.EMPLOYER, "employer@demo.muhandis.uz", "Rustam", "Aliyev", "male", "UZ-SA"),
    (Role.TRAINER, "trainer@demo.muhandis.uz", "Nodira", "Yusupova", "female", "UZ-TK"),
    (Role.EXAMINER, "examiner@demo.muhandis.uz", "Bobur", "Rahimov", "male", "UZ-FA"),
    (Role.COMMITTEE, "committee@demo.muhandis.uz", "Gulnora", "Tosheva", "female", "UZ-BU"),
    (Role.REGISTRAR, "registrar@demo.muhandis.uz", "Aziz", "Nazarov", "male", "UZ-TK"),
    (Role.TRAINING_MANAGER, "training@demo.muhandis.uz", "Malika", "Ergasheva", "female", "UZ-TO"),
    (Role.ADMIN, "admin@demo.muhandis.uz", "Sardor", "Umarov", "male", "UZ-TK"),
    (Role.REPORT_VIEWER, "donor@demo.muhandis.uz", "Anna", "Berzina", "female", None),
    (Role.MODERATOR, "moderator@demo.muhandis.uz", "Zarina", "Saidova", "female", "UZ-SA"),
]

ORGANISATIONS = [
    ("Suvloyiha MChJ", "engineering_firm", "UZ", "305123456", "UZ-TK", "small"),
    ("Samarqand Suvoqova", "utility", "UZ", "201987654", "UZ-SA", "large"),
    ("Toshkent davlat texnika universiteti", "university", "UZ", "200456789", "UZ-TK", "large"),
]


def load(write: Callable[[str], object]) -> None:
    """Create the demo organisations and people; ``write`` prints a line for the operator."""
    for organisation in ORGANISATIONS:
        _organisation(*organisation)
    rows = [person(*entry) for entry in PEOPLE]
    write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for role, email, two_factor in rows:
        note = f"  two-factor secret {DEMO_TOTP_SECRET}" if two_factor else ""
        write(f"  {role.label:<34} {email}{note}")


def _organisation(name: str, kind: str, country: str, tax: str, region: str, size: str) -> None:
    Organisation.objects.get_or_create(
        country=country,
        tax_number=tax,
        defaults={
            "name": name,
            "kind": kind,
            "region": Region.objects.get(code=region),
            "size_band": size,
        },
    )


def person(
    role: Role, email: str, given: str, family: str, gender: str, region: str | None
) -> tuple[Role, str, bool]:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "given_name": given,
            "family_name": family,
            "name_latin": f"{given} {family}",
            "gender": gender,
            "region": Region.objects.get(code=region) if region else None,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    for held in {Role.ENGINEER, role} if role != Role.REPORT_VIEWER else {role}:
        if not RoleAssignment.objects.filter(
            user=user, role=held, revoked_at__isnull=True
        ).exists():
            services.grant_role(user=user, role=held, actor=None, reason="namoyish maʼlumotlari")
    two_factor = requires_two_factor(role)
    if (
        two_factor
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if role == Role.EMPLOYER and not user.employments.exists():
        user.employments.create(
            organisation=Organisation.objects.get(tax_number="305123456"),
            relation="representative",
        )
    return role, email, two_factor
