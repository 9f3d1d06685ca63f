"""Writes of the credentials app, one module per concern:

- ``documents``: making, holding back and storing certificate PDFs;
- ``issuing``: signing a certificate's verifiable credential and keeping its status lists current;
- ``keys``: the association's issuer keys and the DID they are published under."""
