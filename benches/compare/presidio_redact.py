#!/usr/bin/env python3
"""Presidio analyzer + anonymizer over a file's lines: redacted text to stdout.

Usage: presidio_redact.py FILE [--max-bytes N]   (reads the first N bytes only, cut at a line end)
       presidio_redact.py --find-model            (print the installed spaCy model's name)

spaCy refuses texts over nlp.max_length (1,000,000 characters), and memory grows with length,
so lines longer than 100,000 characters are analysed in 100,000-character pieces.
"""
import sys

PIECE = 100_000


def find_model():
    import spacy.util
    names = sorted(spacy.util.get_installed_models())
    if not names:
        raise SystemExit("no spaCy model installed")
    name = next((n for n in names if n.startswith("en_core_web_sm")), names[0])
    spacy.load(name)  # fails here if it does not load
    return name


def main():
    if sys.argv[1:] == ["--find-model"]:
        print(find_model())
        return
    path = sys.argv[1]
    max_bytes = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--max-bytes" else None
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    model = find_model()
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(),
                              supported_languages=["en"])
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    anonymizer = AnonymizerEngine()

    with open(path, "rb") as f:
        data = f.read(max_bytes) if max_bytes else f.read()
    if max_bytes and len(data) == max_bytes and b"\n" in data:
        data = data[: data.rindex(b"\n") + 1]
    texts = []
    for line in data.decode("utf-8", "replace").split("\n"):
        texts.extend(line[i:i + PIECE] for i in range(0, max(len(line), 1), PIECE))
    out = sys.stdout
    results = batch.analyze_iterator(texts, language="en", batch_size=64)
    for text, res in zip(texts, results):
        out.write(anonymizer.anonymize(text=text, analyzer_results=res).text if res else text)
        out.write("\n")
    sys.stderr.write("presidio: %d bytes read\n" % len(data))


if __name__ == "__main__":
    main()
