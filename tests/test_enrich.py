"""Links, short names, acronyms, summaries and related papers on the seed papers."""

from __future__ import annotations

from generator import slugs
from generator.enrich import links, names, related, summary
from generator.sources import read_seeds
from helpers import REPO

PAPERS = read_seeds(REPO / "seeds", REPO).papers


def test_every_code_link_in_the_seed_abstracts_is_extracted_exactly():
    found = {p.title.split(":")[0]: [(l.kind, l.url) for l in links.find_links(p.abstract)] for p in PAPERS}
    assert {k: v for k, v in found.items() if v} == {
        "GPSFormer": [("code", "https://github.com/changshuowang/GPSFormer")],
        "LoCoNet": [("code", "https://github.com/SJTUwxz/LoCoNet_ASD")],
        "Mega-TTS": [("project", "https://mega-tts.github.io/demo-page")],
        "Mixing and Shifting": [("code", "https://github.com/JegZheng/MS-MLP")],
        "On Relation-Specific Neurons in Large Language Models": [("code", "https://github.com/cisnlp/relation-specific-neurons")],
        "Observable Propagation": [("code", "https://github.com/jacobdunefsky/ObservablePropagation")],
        "On Giant's Shoulders": [("code", "https://github.com/Facico/Dynamic-Logit-Fusion")],
    }


def test_links_are_cleaned_and_only_http():
    text = "see github.com/owner/repo, (https://x.org/a_(b).) and javascript:alert(1) or ftp://x.org/f"
    assert [l.url for l in links.find_links(text)] == ["https://github.com/owner/repo", "https://x.org/a_(b)"]
    assert links.safe_url("javascript:alert(1)") is None and links.safe_url("https://ok.org/x") == "https://ok.org/x"


def test_short_names_and_acronyms():
    by_start = {p.title.split(":")[0]: p for p in PAPERS}
    assert [names.short_name(by_start[k].title) for k in ("GPSFormer", "LoCoNet", "Mega-TTS", "InfLLM", "Titans")] == [
        "GPSFormer", "LoCoNet", "Mega-TTS", "InfLLM", "Titans"]
    assert names.short_name("Never Train from Scratch: Fair Comparison") is None
    assert ("ASD", "Active Speaker Detection") in names.acronyms(by_start["LoCoNet"].abstract)
    assert ("SSMs", "state space models") in names.acronyms(PAPERS[7].abstract)


def test_summary_is_one_extractive_sentence():
    text = "Background sentence here. We propose a method that works. It is good."
    assert summary.summarize(text) == "We propose a method that works."
    assert len(summary.summarize("word " * 200 + ".")) <= 200


def test_related_papers_share_topics():
    found = related.related(PAPERS, slugs.assign([(p.title, p.abstract) for p in PAPERS]))
    assert all(len(r) == 5 for r in found)
    by_title = dict(zip((p.title for p in PAPERS), found))
    routing = [r.title for r in by_title["Efficient Content-Based Sparse Attention with Routing Transformers"]]
    assert any(t.startswith(("Combiner", "Efficient Long-Range Transformers", "A Practical Survey")) for t in routing[:2])
    assert all(r.terms for rs in found for r in rs)


def test_two_word_terms_never_span_a_stop_word_or_punctuation():
    assert related.terms_of("Speech synthesis for Image Segmentation, fast.") == [
        "speech", "synthesis", "speech synthesis", "image", "segmentation", "image segmentation", "fast"]


def test_shared_terms_say_each_word_once_and_prefer_the_shared_phrase():
    found = related.related(PAPERS, slugs.assign([(p.title, p.abstract) for p in PAPERS]))
    for entries in found:
        for entry in entries:
            words = [related._singular(w) for term in entry.terms for w in term.split()]
            assert len(words) == len(set(words)), entry.terms
    # Both papers say "neural networks": the phrase is shown, not "neural" and "network" apart.
    by_title = {p.title.split(":")[0]: r for p, r in zip(PAPERS, found)}
    ar_net = {r.title.split(":")[0]: r.terms for r in by_title["AR-Net"]}
    assert "neural networks" in ar_net["The Local Interaction Basis"]
