"""The warehouse side: SQL files, schema, and the writes that keep the
published tables consistent."""
