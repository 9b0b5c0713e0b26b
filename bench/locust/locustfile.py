"""Load test of quiz-agent's webhook: valid Telegram poll_answer updates for a running quiz.

The seed deployments gate a release on a Locust run meeting >= 300 req/s with p50 < 50 ms,
p95 < 100 ms and p99 < 150 ms. Every request here is one poll_answer update, as Telegram would
post it, from a Telegram user id never used before (so each one is a new valid answer, one more
row in `answers`), to a poll the bot sent and that is still open. The webhook answers 200 only once
the answer is committed (group commit), so the latency Locust reports includes that commit.

On this machine, `npm run bench:locust` sets up everything (database, Telegram simulator, 3
replicas behind Caddy, Redis, a running quiz) and runs this file at increasing rates; see
bench/locust/README.md.

Against a real deployment (a staging one: every request stores an answer, a user and, when the
run ends, a result for a made-up player), start a quiz in a test group with a long period
(`/startquiz <id> 10m`), find its open poll in the database:

    select poll_id from run_questions where closed_at is null and poll_id is not null;

and run, within those 10 minutes:

    WEBHOOK_SECRET=<the bot's WEBHOOK_SECRET> WEBHOOK_PATH=<the path of WEBHOOK_URL> \\
    POLL_IDS=<poll id>[:<option count>],... SEND_SECONDS=30 \\
    locust -f bench/locust/locustfile.py --headless -u 300 -r 300 -t 42s --stop-timeout 5 \\
      --host https://bot.example.com --csv /tmp/quiz-load

and read /tmp/quiz-load_final_stats.csv (see below).

Each Locust user sends RPS_PER_USER requests a second (default 1), so `-u 300` asks for 300
req/s; Locust's own "Requests/s" says what it reached.

Settings, from environment variables, or from the JSON file named by QUIZ_LOAD_CONFIG (its keys
are the same names in lower case; an environment variable wins):
  WEBHOOK_SECRET   X-Telegram-Bot-Api-Secret-Token (required)
  WEBHOOK_PATH     path of the bot's WEBHOOK_URL [/]
  POLL_IDS         open polls of the bot, `id` or `id:options` (4 options if not said), comma-separated (required)
  USER_ID_BASE     first Telegram user id of the made-up players [1,000,000,000,000]
  UPDATE_ID_BASE   first update_id [1,000,000,000,000]; above any update_id Telegram sent the bot
  IDS_PER_USER     ids reserved per Locust user [10,000]; a user that used them all stops
  RPS_PER_USER     requests a second per Locust user [1]
  SEND_SECONDS     if set, users send for this long after the first one started, then stop by
                   themselves; give -t some seconds more (the longest answer can take 10 s, the
                   webhook's 503 timeout), and every answer sent gets its response: this Locust,
                   when -t ends the run, kills some users in the middle of a request, and the
                   answer is then stored without Locust counting it
  ACK_DIR          if set, each process writes there the user ids whose answer got a 200
                   (acked-<worker>-<pid>.txt, one per line), to check them in the database

With --csv PREFIX, this file also writes PREFIX_final_stats.csv and PREFIX_final_failures.csv (the
columns of PREFIX_stats.csv and PREFIX_failures.csv) when Locust quits: this Locust (2.12) rewrites PREFIX_stats.csv once a second and not at the end,
so that file misses the last second of the run.
"""

import csv
import itertools
import json
import os
import random
import time

import locust.runners
from locust import FastHttpUser, events, task
from locust.exception import StopUser
from locust.runners import WorkerRunner
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV
from locust.user.wait_time import constant_throughput

# Debian's python3-locust 2.12 ships an empty version string, and a master refuses a worker whose
# `client_ready` carries an empty version ("An old (pre 2.0) worker tried to connect"): give both
# ends the same non-empty one, so that distributed mode (--master/--worker) works.
if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1+debian"

# Users of one Locust process are numbered from 0; a process (worker) owns this many numbers.
USERS_PER_PROCESS = 100_000


def _load_settings():
    path = os.environ.get("QUIZ_LOAD_CONFIG")
    file_settings = {}
    if path:
        with open(path, encoding="utf-8") as f:
            file_settings = json.load(f)

    def setting(name, default=None):
        value = os.environ.get(name, file_settings.get(name.lower(), default))
        if value is None:
            raise SystemExit(f"{name} is required (environment variable, or `{name.lower()}` in QUIZ_LOAD_CONFIG)")
        return value

    def poll(item):
        poll_id, _, options = str(item).partition(":")
        return {"id": poll_id, "options": int(options or 4)}

    polls = setting("POLL_IDS")
    polls = [poll(p) for p in (polls.split(",") if isinstance(polls, str) else polls) if str(p).strip()]
    if not polls:
        raise SystemExit("POLL_IDS names no poll")
    return {
        "secret": str(setting("WEBHOOK_SECRET")),
        "path": str(setting("WEBHOOK_PATH", "/")),
        "polls": polls,
        "user_id_base": int(setting("USER_ID_BASE", 1_000_000_000_000)),
        "update_id_base": int(setting("UPDATE_ID_BASE", 1_000_000_000_000)),
        "ids_per_user": int(setting("IDS_PER_USER", 10_000)),
        "rps_per_user": float(setting("RPS_PER_USER", 1)),
        "send_seconds": float(setting("SEND_SECONDS", "inf")),
        "ack_dir": os.environ.get("ACK_DIR", file_settings.get("ack_dir")),
    }


SETTINGS = _load_settings()
_user_numbers = itertools.count()
_acked = []
# When the first user of this process started: SEND_SECONDS runs from then.
_started_at = None


class PollAnswerUser(FastHttpUser):
    """One stream of made-up players: every request is another player's first answer."""

    wait_time = constant_throughput(SETTINGS["rps_per_user"])

    def on_start(self):
        global _started_at
        if _started_at is None:
            _started_at = time.monotonic()
        worker = max(self.environment.runner.worker_index, 0)
        slot = worker * USERS_PER_PROCESS + next(_user_numbers)
        self.first_offset = slot * SETTINGS["ids_per_user"]
        self.sent = 0
        self.headers = {"X-Telegram-Bot-Api-Secret-Token": SETTINGS["secret"]}

    @task
    def answer(self):
        if self.sent >= SETTINGS["ids_per_user"] or time.monotonic() - _started_at >= SETTINGS["send_seconds"]:
            raise StopUser()
        offset = self.first_offset + self.sent
        self.sent += 1
        user_id = SETTINGS["user_id_base"] + offset
        poll = random.choice(SETTINGS["polls"])
        update = {
            "update_id": SETTINGS["update_id_base"] + offset,
            "poll_answer": {
                "poll_id": poll["id"],
                "user": {"id": user_id, "is_bot": False, "first_name": f"Load {offset}"},
                "option_ids": [random.randrange(poll["options"])],
            },
        }
        # One name for every request, so Locust's table has one row, not one per player.
        with self.client.post(SETTINGS["path"], json=update, headers=self.headers, name="poll_answer", catch_response=True) as response:
            if response.status_code == 200:
                response.success()
                _acked.append(user_id)
            else:
                response.failure(f"HTTP {response.status_code}")


@events.test_stop.add_listener
def _write_acked(environment, **_kwargs):
    """Writes the acknowledged user ids, once the users stopped (each process its own file)."""
    if not SETTINGS["ack_dir"] or not _acked:
        return
    worker = max(environment.runner.worker_index, 0) if environment.runner else 0
    path = os.path.join(SETTINGS["ack_dir"], f"acked-{worker}-{os.getpid()}.txt")
    with open(path, "a", encoding="utf-8") as f:
        f.write("".join(f"{user_id}\n" for user_id in _acked))
    _acked.clear()


@events.quitting.add_listener
def _write_final_stats(environment, **_kwargs):
    """Locust's request stats and failures once every user stopped, in the columns of its --csv files."""
    prefix = environment.parsed_options.csv_prefix if environment.parsed_options else None
    if not prefix or isinstance(environment.runner, WorkerRunner):
        return
    stats_csv = StatsCSV(environment, PERCENTILES_TO_REPORT)
    with open(f"{prefix}_final_stats.csv", "w", newline="", encoding="utf-8") as f:
        stats_csv.requests_csv(csv.writer(f))
    with open(f"{prefix}_final_failures.csv", "w", newline="", encoding="utf-8") as f:
        stats_csv.failures_csv(csv.writer(f))
