"""Open data: every published record as JSON and CSV, with a JSON Schema per record
type generated from the validator's own schema (see records, table, jsonschema)."""
