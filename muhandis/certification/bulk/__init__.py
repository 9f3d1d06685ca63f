"""Bulk work on certificates: importing the pilot's records (``importing``) and exporting the
register (``exporting``)."""

from .exporting import (
    EXPORT_COLUMNS,
    export_csv,
    export_header,
    export_register,
    export_values,
    export_xlsx,
)
from .importing import (
    COLUMN_NAMES,
    COLUMNS,
    MAX_ROWS,
    REQUIRED,
    ImportPlan,
    ImportRefused,
    ImportResult,
    PlannedCertificate,
    Problem,
    import_certificates,
    plan_import,
    read_rows,
    template_workbook,
)

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "EXPORT_COLUMNS",
    "MAX_ROWS",
    "REQUIRED",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlannedCertificate",
    "Problem",
    "export_csv",
    "export_header",
    "export_register",
    "export_values",
    "export_xlsx",
    "import_certificates",
    "plan_import",
    "read_rows",
    "template_workbook",
]
