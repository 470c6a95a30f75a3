"""A Rasa 3 server on 127.0.0.1 that answers POST /model/parse the way Rasa does.

What it answers is taught with annotated examples in Rasa's own format.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from nlu.training_data import parse_example
from nlu.vocabulary import Intent

RASA_VERSION = "3.6.20"
NO_RESPONSE = {
    "all_retrieval_intents": [],
    "default": {
        "response": {"responses": None, "confidence": 0.0, "intent_response_key": None,
                     "utter_action": "utter_None"},
        "ranking": [],
    },
}


class FakeRasa:
    def __init__(self) -> None:
        self.taught: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.delay = 0.0
        self.status = 200
        self.raw_body: bytes | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def teach(self, annotated: str, ranking: list[tuple[str, float]]) -> None:
        """`ranking` as DIET gives it, most likely first; intent names need not be ours."""
        example = parse_example(annotated, Intent.GREET)
        self.taught[example.text] = {
            "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
            "entities": [
                {"entity": e.entity.value, "start": e.start, "end": e.end,
                 "confidence_entity": 0.9987, "value": e.value, "extractor": "DIETClassifier"}
                for e in example.entities
            ],
            "intent_ranking": [{"name": name, "confidence": c} for name, c in ranking],
        }

    def answer(self, text: str) -> dict:
        taught = self.taught.get(text, {
            "intent": {"name": "out_of_scope", "confidence": 0.41},
            "entities": [],
            "intent_ranking": [{"name": "out_of_scope", "confidence": 0.41}],
        })
        tokens = [[i, i + len(w)] for i, w in _words(text)]
        return {"text": text, **taught, "text_tokens": tokens, "response_selector": NO_RESPONSE}


def _words(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        found.append((start, word))
        start += len(word)
    return found


def _failure(code: int, reason: str, message: str) -> dict:
    return {"version": RASA_VERSION, "status": "failure", "message": message, "reason": reason,
            "details": {}, "help": None, "code": code}


def _handler(rasa: FakeRasa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path != "/model/parse":
                return self._send(404, _failure(404, "NotFound", f"no route {self.path}"))
            try:
                request = json.loads(body)
                text = request["text"]
            except (ValueError, KeyError, TypeError):
                return self._send(400, _failure(400, "BadRequest", "No text message defined"))
            rasa.requests.append({"json": request, "content_type": self.headers["Content-Type"]})
            time.sleep(rasa.delay)
            if rasa.status != 200:
                error = _failure(rasa.status, "ParsingError", "An unexpected error occurred.")
                return self._send(rasa.status, error)
            self._send(200, rasa.answer(text))

        def _send(self, status: int, payload: dict) -> None:
            body = rasa.raw_body if rasa.raw_body is not None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
