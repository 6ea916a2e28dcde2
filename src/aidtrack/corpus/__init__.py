"""Streaming corpus readers: a folder tree of .txt/.html, JSON Lines and Parquet.

A corpus is cut into :class:`Partition` s (a few hundred articles each) without
being loaded: a folder is walked in sorted order, a JSON Lines file is scanned for
line offsets, a Parquet file is read from its footer. Each partition is read on its
own (in a worker), so memory stays bounded by one partition. Article ids are stable
across runs: the path inside the folder, the record's ``id`` field, or a hash of its URL.

    parts = plan_partitions(Path("news.jsonl"), size=200)
    [a.id for a in read_partition(parts[0])][:2]
['u-3f1c...', 'u-9a0d...']
"""

from aidtrack.corpus.partitions import Partition, Plan, plan_partitions, read_partition
from aidtrack.corpus.records import article_from_record

__all__ = ["Partition", "Plan", "article_from_record", "plan_partitions", "read_partition"]
