#!/usr/bin/env bash
# Writes a migration for both providers from the model diff between git revision $2 (default:
# empty database) and the working tree. Usage: scripts/new-migration.sh <name> [<git-rev>]
# (`prisma migrate dev` does not work with the JS engine on a fresh database, see src/db/README.md.)
set -euo pipefail
name=${1:?migration name}
rev=${2:-}
stamp=$(date -u +%Y%m%d%H%M%S)
for provider in sqlite postgresql; do
  dir=prisma/$provider/migrations/${stamp}_$name
  mkdir -p "$dir"
  if [ -n "$rev" ]; then
    prev=$(mktemp -d)
    git show "$rev:prisma/$provider/schema.prisma" > "$prev/schema.prisma"
    git show "$rev:prisma/models.prisma" > "$prev/models.prisma"
    from=(--from-schema-datamodel "$prev")
  else
    from=(--from-empty)
  fi
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel "prisma/$provider" --script \
    | grep -v '^Loaded Prisma config' > "$dir/migration.sql"
  echo "wrote $dir/migration.sql"
done
for provider in sqlite postgresql; do
  f=prisma/$provider/migrations/migration_lock.toml
  [ -f "$f" ] || printf 'provider = "%s"\n' "$provider" > "$f"
done
