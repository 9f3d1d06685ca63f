from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "muhandis.exams"
    label = "exams"
    verbose_name = _("Examinations")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.certification.panels import add_panel
        from muhandis.core.audit import describe_actions, describe_fields
        from muhandis.exams.audit_labels import FIELDS, LABELS, SENTENCES, values

        add_panel("application", "exams/_application_exam.html")
        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        add_menu_group("exams", _("Examinations"), order=40)
        add_staff_link("exams:my_exams", _("My exams"), None, group="exams")
        add_staff_link(
            "exams:bank_list", _("Item bank"), {Role.REGISTRAR, Role.EXAMINER}, group="exams"
        )
        add_staff_link(
            "exams:staff_sittings",
            _("Exam sittings"),
            {Role.REGISTRAR, Role.EXAMINER},
            group="exams",
        )
        add_staff_link("exams:staff_marking", _("Essays to mark"), {Role.EXAMINER}, group="exams")
        add_staff_link(
            "exams:analysis_index",
            _("Item analysis"),
            {Role.REGISTRAR, Role.EXAMINER},
            group="exams",
        )
        add_staff_link(
            "exams:staff_blueprints", _("Exam blueprints"), {Role.REGISTRAR}, group="exams"
        )
        add_staff_link(
            "exams:course_tests",
            _("Course tests"),
            {Role.TRAINING_MANAGER, Role.ADMIN},
            group="exams",
        )
        add_staff_link(
            "exams:angoff_studies",
            _("Standard setting"),
            {Role.REGISTRAR, Role.EXAMINER, Role.COMMITTEE},
            group="exams",
        )
        self.add_dashboard_sections()

    def add_dashboard_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role
        from muhandis.exams import selectors

        add_section(Role.ENGINEER, selectors.dashboard_exams)
        add_section(Role.EXAMINER, selectors.dashboard_examiner)
        add_section(Role.REGISTRAR, selectors.dashboard_exam_manager)
        add_section(Role.TRAINER, selectors.dashboard_trainer_tests)
