"""Reports: facts recorded when things happen (`facts`), aggregated by SQL (`service`)."""
