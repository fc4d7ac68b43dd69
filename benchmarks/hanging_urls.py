"""100 URL sources of which half hang, served by a real HTTP server on
127.0.0.1, ingested with the default limits (pipeline.config: URL deadline,
workers). Prints the wall time and what became of each URL.

    .venv/bin/python benchmarks/hanging_urls.py [N] [HANGING_FRACTION]
"""
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pipeline.ingest.sources import default_policy, read_all
from pipeline.records import Document

ARTICLE = b"# GPT-4o notes\n\nGPT-4o costs $5 per million input tokens and has a 128K context window.\n"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/hang"):
            time.sleep(600)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/markdown")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    hanging = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    every = round(1 / hanging) if hanging else 0
    urls = [f"{base}/hang/{i}" if every and i % every == 0 else f"{base}/article/{i}.md" for i in range(n)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "sources.yaml").write_text("urls:\n" + "".join(f"  - {u}\n" for u in urls))
        policy = default_policy()
        started = time.monotonic()
        _, results = read_all(Path(folder), policy=policy)
        elapsed = time.monotonic() - started
    docs = sum(isinstance(r, Document) for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} URLs ({sum('/hang/' in u for u in urls)} hanging), deadline {policy.deadline:g} s, "
          f"{policy.workers} workers: {elapsed:.1f} s, {docs} ingested, {len(results) - docs} ingest errors, "
          f"peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
