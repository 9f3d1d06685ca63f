"""Certification's pages, one module per concern: schemes, applications, decisions (assessment,
committee, the certificate page), the public register, verification, and bulk import and export."""
