# Reads Prometheus text on stdin with the reference parser (python3-prometheus-client) and prints, as JSON,
# every family: its type and samples. A text the parser refuses makes it exit non-zero.
import json
import sys
from prometheus_client.parser import text_string_to_metric_families

out = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    out[family.name] = {"type": family.type,
                        "samples": [[s.name, s.labels, s.value] for s in family.samples]}
json.dump(out, sys.stdout)
