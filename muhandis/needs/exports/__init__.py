"""The needs report's downloads: the report's tables as XLSX and PDF in the reader's language,
and the anonymised microdata with its codebook."""
