"""Data quality: Great Expectations suites kept in expectations/ (GX's own
JSON), validated against frames read from the warehouse."""
