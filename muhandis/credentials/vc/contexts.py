"""The JSON-LD contexts credentials use, read from files shipped with installed packages
(pyld, openbadgeslib) or packaged here in ``jsonld/`` (see its README for their sources).

Verification never fetches a context from the network: a context that is not in the
allow-list is an error, not a download."""

from collections.abc import Callable
from pathlib import Path

from pyld.documentloader.frozen import BUNDLED_CONTEXTS, FrozenDocumentLoader

# What pyld calls to read a context: (url, options) -> the remote document.
DocumentLoader = Callable[[str, dict], dict]


def _open_badges_contexts() -> dict[str, Path]:
    """Open Badges 3.0, Data Integrity and Multikey contexts, as shipped by openbadgeslib."""
    try:
        import openbadgeslib
    except ImportError:  # pragma: no cover - a required dependency
        return {}
    folder = Path(openbadgeslib.__file__).parent / "ob3" / "contexts"
    return {
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": folder
        / "ob-v3p0-context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": folder
        / "ob-v3p0-extensions.json",
        "https://w3id.org/security/data-integrity/v2": folder / "security-data-integrity-v2.json",
        "https://w3id.org/security/multikey/v1": folder / "security-multikey-v1.json",
    }


# Contexts no installed package ships, copied into this folder (see jsonld/README.md).
_PACKAGED = Path(__file__).parent / "jsonld"
PACKAGED_CONTEXTS: dict[str, Path] = {
    "https://www.w3.org/ns/credentials/examples/v2": _PACKAGED / "credentials-examples-v2.jsonld",
}
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"

CONTEXTS: dict[str, Path | dict] = {
    **BUNDLED_CONTEXTS,
    **_open_badges_contexts(),
    **PACKAGED_CONTEXTS,
}


class _Loader:
    """Serves only the allowed contexts. The shipped ones are tagged ``static``, which lets
    pyld keep their processed form across operations (its shared cache) instead of
    processing the large Open Badges context again for every credential; ``extra`` contexts
    are not cached beyond one operation."""

    def __init__(self, extra: dict[str, dict] | None = None) -> None:
        self.frozen = FrozenDocumentLoader(documents={**CONTEXTS, **(extra or {})})
        self.extra = set(extra or ())

    def __call__(self, url: str, options: dict | None = None) -> dict:
        document = self.frozen(url, options or {})
        if url in CONTEXTS and url not in self.extra:
            document = {**document, "tag": "static"}
        return document


def document_loader(extra: dict[str, dict] | None = None) -> _Loader:
    """A loader that serves only known contexts (plus ``extra``, e.g. in tests)."""
    return _Loader(extra)


_LOADER = document_loader()


def default_loader() -> _Loader:
    """The shared loader; it parses each context file once and keeps it."""
    return _LOADER
