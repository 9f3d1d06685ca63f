from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "muhandis.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.core.audit import describe_actions

        from . import audit_labels
        from .permissions import STAFF

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        add_menu_group("community", _("Community"), order=70)
        add_staff_link("events:mine", _("My events"), None, group="community")
        add_staff_link("events:manage", _("Manage events"), set(STAFF), group="community")
        self.add_dashboard_section()
        self.register_notices()
        self.connect_training()

    def add_dashboard_section(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from .selectors import dashboard_my_events

        add_section(Role.ENGINEER, dashboard_my_events)

    def register_notices(self) -> None:
        from muhandis.notifications.services import register_kind

        group = _("Events")
        register_kind("events.registered", _("Registered for an event"), group=group)
        register_kind("events.waitlisted", _("On an event's waiting list"), group=group)
        register_kind("events.promoted", _("A seat freed at an event is yours"), group=group)
        register_kind("events.reminder", _("Reminder the day before an event"), group=group)
        register_kind(
            "events.cancelled",
            _("An event or a registration cancelled"),
            group=group,
            required=True,
        )

    def connect_training(self) -> None:
        """Registrants hear of promotions and cancellations that training makes."""
        from muhandis.training import signals

        from . import receivers

        signals.enrolment_promoted.connect(
            receivers.tell_promoted, dispatch_uid="events:enrolment_promoted"
        )
        signals.enrolment_cancelled.connect(
            receivers.tell_cancelled, dispatch_uid="events:enrolment_cancelled"
        )
