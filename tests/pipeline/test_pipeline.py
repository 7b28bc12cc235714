import datetime as dt

import pytest

from rasd import Pipeline, analyze
from rasd.errors import ConfigError, EmptyInput, InputError, InputTooLarge, PipelineError
from rasd.model.document import LAYERS
from rasd.pipeline.config import Config
from rasd.pipeline.registry import check_order, registered


def test_every_component_provides_known_layers_and_has_a_description():
    specs = registered()
    assert {"sentences", "boilerplate", "tokens", "numbers", "dates"} <= set(specs)
    for spec in specs.values():
        assert spec.description
        assert set(spec.provides) <= set(LAYERS)


def test_order_is_checked_when_the_pipeline_is_built():
    with pytest.raises(PipelineError, match="boilerplate.*requires sentences"):
        Pipeline(["boilerplate", "sentences"])
    check_order(["sentences", "boilerplate"])


def test_unknown_component_names_the_known_ones():
    with pytest.raises(PipelineError, match="unknown component 'verbs'.*sentences"):
        Pipeline(["verbs"])


def test_default_pipeline_fills_its_layers():
    doc = Pipeline().analyze("تظاهر المئات أمس في بغداد.", published="2022-01-13")
    for layer in ("sentences", "tokens", "boilerplate", "numbers", "dates"):
        assert doc.has(layer)
    assert doc.published == dt.date(2022, 1, 13)


def test_a_partial_pipeline_leaves_other_layers_absent():
    doc = Pipeline(["sentences"]).analyze("جملة أولى. جملة ثانية.")
    assert len(doc.sentences) == 2 and not doc.has("tokens")


def test_module_level_analyze_reuses_one_pipeline():
    a = analyze("قتل ثلاثة أشخاص أمس.", published="2020-05-02")
    b = analyze("قتل ثلاثة أشخاص أمس.", published=dt.date(2020, 5, 2))
    assert a.id == b.id and [d.iso for d in a.dates] == [d.iso for d in b.dates]


@pytest.mark.parametrize("text, error", [("", EmptyInput), ("   \n\t ", EmptyInput), (None, InputError)])
def test_bad_text(text, error):
    with pytest.raises(error):
        Pipeline([]).analyze(text)


def test_bad_published_date_is_an_input_error():
    with pytest.raises(InputError, match="published must be YYYY-MM-DD"):
        Pipeline([]).analyze("نص", published="13/01/2022")


def test_too_long_text_is_refused_with_the_limit_named():
    nlp = Pipeline([], Config.load(overrides={"limits": {"max_document_chars": 10}}))
    with pytest.raises(InputTooLarge, match="max_document_chars"):
        nlp.analyze("نص طويل جدا أكثر من عشرة أحرف")


def test_user_config_overrides_key_by_key(tmp_path):
    user = tmp_path / "rasd.toml"
    user.write_text('[pipeline]\ncomponents = ["sentences"]\n', encoding="utf-8")
    config = Config.load(user)
    assert config.get("pipeline", "components") == ["sentences"]
    assert config.get("limits", "max_document_chars") == 2_000_000  # untouched default
    assert Pipeline(config=config).names == ("sentences",)


def test_bad_config_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.load(bad)
    with pytest.raises(ConfigError, match="not found"):
        Config.load(tmp_path / "missing.toml")
