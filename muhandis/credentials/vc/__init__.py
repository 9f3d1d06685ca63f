"""Verifiable credentials: JSON-LD contexts loaded locally, multibase keys, Data Integrity
proofs (eddsa-rdfc-2022). Plain Python: nothing here needs Django or a database, so the
command-line verifier can use it offline."""
