-- Runs once, when the postgres service initialises an empty data volume
-- (docker-entrypoint-initdb.d), in the database POSTGRES_DB.
-- pg_stat_statements needs shared_preload_libraries=pg_stat_statements, which the compose
-- file's command sets; the runbook reads it to find slow statements (docs/runbook.md).
-- On a volume created before this file existed, run it by hand:
--   docker compose -f docker-compose.production.yml exec postgres \
--     sh -c 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "create extension if not exists pg_stat_statements"'
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
