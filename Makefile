# Shortcuts for the scripts in scripts/ (the README's quick start uses the scripts directly, since a
# fresh machine may not have make).
.PHONY: setup demo test test-fast bench

setup:
	scripts/setup-system.sh --with-test-tools
	scripts/setup-venv.sh

demo: setup
	.venv/bin/interviewer demo

test:
	scripts/test.sh

test-fast:
	scripts/test.sh -m "not real"

bench:
	.venv/bin/python benchmarks/star_eval.py
	.venv/bin/python benchmarks/latency.py
