"""The credentials app's HTTP endpoints, one module per concern:

- ``documents``: a certificate's PDF and verifiable credential (JSON-LD, VC-JWT), and a
  scheme's PDFs as one ZIP;
- ``check``: the page where anyone checks a credential;
- ``vcapi``: the W3C VC API (``/credentials/issue``, ``/credentials/verify``,
  ``/presentations/verify``);
- ``status``: the published status lists;
- ``wellknown``: the issuer's DID document and JWKS under ``/.well-known/``."""
