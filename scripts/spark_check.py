#!/usr/bin/env python3
"""Run `mtpe check` over a corpus as the map step of an Apache Spark job.

The README's Spark recipe ("Beyond one machine"), as a script: the driver lists the
files as one `mtpe check` run would (`mtpe check --list-files`, so the same ignore
rules, types and globs apply), Spark spreads the list over its executors, and each
partition reads its files and pipes every article through `mtpe check --format jsonl -` on the executors.
The issues get their file's path back and are written as JSON Lines in the listing's
order: the part files concatenated in name order are the output of one `mtpe check
--format jsonl` over the same paths.

    python3 scripts/spark_check.py --master 'local[2]' --out issues-jsonl corpus \
        -- --glossary glossary.sqlite
    cat issues-jsonl/part-* > issues.jsonl

Arguments after `--` go to every `mtpe check` (a glossary is shipped to the executors
with `SparkContext.addFile` and given to them as their local copy; give a configuration
with `--config`, since text read from standard input has no folder to find an
`mtpe.toml` from). The corpus must be on a file system every executor can read.

Not run in CI (tests do not call Python); run by hand, with figures in README.md.
"""

import argparse
import json
import os
import subprocess
import sys


class ListParam:
    """An accumulator of the files that could not be checked, with their reasons."""

    def zero(self, value):
        return []

    def addInPlace(self, a, b):
        return a + b


def parse_args(argv):
    ours, passed = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", help="files or folders, as for `mtpe check`")
    p.add_argument("--out", required=True, help="output folder (must not exist)")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--mtpe", default="mtpe", help="the mtpe binary on the executors (default: mtpe on PATH)")
    p.add_argument("--partitions", type=int, default=None, help="input partitions (default: Spark's)")
    args = p.parse_args(ours)
    return args, passed


def listed_files(mtpe, paths, passed):
    """The files one `mtpe check` run over `paths` would check, in its order."""
    walk = [a for a in passed if a in ("--hidden", "--no-ignore")]
    for flag in ("--type", "-t", "--glob", "-g"):
        walk += [x for i, a in enumerate(passed) if a == flag and i + 1 < len(passed) for x in (a, passed[i + 1])]
    out = subprocess.run([mtpe, "check", "--list-files", *walk, *paths], capture_output=True, check=True)
    return [line for line in out.stdout.decode("utf-8").splitlines() if line]


def ship_glossary(sc, passed):
    """Replaces `--glossary PATH` by the name the executors find with SparkFiles."""
    if "--glossary" not in passed:
        return passed, None
    i = passed.index("--glossary")
    path = passed[i + 1]
    sc.addFile(os.path.abspath(path))
    return passed[:i] + passed[i + 2 :], os.path.basename(path)


def main(argv):
    args, passed = parse_args(argv)
    files = listed_files(args.mtpe, args.paths, passed)
    if not files:
        print("spark_check: no files to check", file=sys.stderr)
        return 2

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("mtpe check")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    passed, glossary = ship_glossary(sc, passed)
    mtpe = args.mtpe
    errors = sc.accumulator([], ListParam())
    stdin_path = '{"path":"<stdin>",'

    def check(partition):
        extra = ["--glossary", SparkFiles.get(glossary)] if glossary else []
        for path in partition:
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                errors.add([f"{path}: {e}"])
                continue
            run = subprocess.run(
                [mtpe, "check", "--format", "jsonl", "--fail-on", "never", *extra, *passed, "-"],
                input=data,
                capture_output=True,
            )
            if run.returncode != 0:
                errors.add([f"{path}: " + run.stderr.decode("utf-8", "replace").strip()])
                continue
            named = '{"path":' + json.dumps(path, ensure_ascii=False) + ","
            for n, line in enumerate(run.stdout.decode("utf-8").splitlines()):
                # The path is the first key: replaced as text, the rest stays mtpe's bytes.
                if not line.startswith(stdin_path):
                    raise ValueError(f"{path}: unexpected mtpe output {line[:80]!r}")
                yield named + line[len(stdin_path) :]

    # parallelize cuts the list into contiguous slices, in order, and each partition
    # checks its files in order: the part files are already one run's order, with no
    # sort (a sortByKey would sample, that is run, the whole map once more).
    sc.parallelize(files, args.partitions).mapPartitions(check).saveAsTextFile(args.out)
    failed = errors.value
    spark.stop()
    for e in failed:
        print(e, file=sys.stderr)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
