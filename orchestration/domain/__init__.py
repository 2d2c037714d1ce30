"""Pure domain logic: no Dagster, no dbt, no database."""
