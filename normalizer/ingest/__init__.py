"""Ingestion at scale: `normalize corpus IN --output OUT` and its parts.

    readers.py    JSONL, CSV and Parquet input, read in numbered partitions
    rows.py       one output row per record: id, text, corrections, changed, error
    writers.py    a partition file written atomically (Parquet or JSONL), read back, merged
    manifest.py   the job's manifest: which partitions are done, resuming, refusing another job's folder
    workers.py    the per-process Normalizer cache and the task one partition is
    engines.py    where partitions run: here, local worker processes, a Dask cluster
    dask.py       a Dask bag helper for library users
    command.py    the `normalize corpus` command line
"""
