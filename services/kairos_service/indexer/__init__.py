"""The indexer: program logs (live and backfilled) into the database, oracle samples."""
